// A panic three calls deep: every frame with its argument words, file:line and pc offset.
// gort: exit=2
package main

func c(x, y int) int {
	if x+y > 5 {
		panic("nested")
	}
	return x * y
}

func b(x int) int {
	return c(x, x+1) + 1
}

func a(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += b(i)
	}
	return s
}

func main() {
	println(a(10))
}
