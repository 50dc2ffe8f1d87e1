// Closures: captured variables shared between closures, func values, closures started by go (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 100 }
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func main() {
	next, reset := counter()
	println(next(), next(), next())
	reset()
	println(next())
	double := func(x int) int { return 2 * x }
	inc := func(x int) int { return x + 1 }
	println(compose(double, inc)(5), compose(inc, double)(5))
	var fs []func() int
	for i := 0; i < 3; i++ {
		j := i
		fs = append(fs, func() int { return j * j })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	done := make(chan int)
	total := 0
	for i := 1; i <= 3; i++ {
		go func(k int) { done <- k * 10 }(i)
	}
	for i := 0; i < 3; i++ {
		total += <-done
	}
	println("total", total)
}
