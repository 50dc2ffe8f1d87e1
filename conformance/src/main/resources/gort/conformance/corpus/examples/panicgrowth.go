// A deferred call that grows the stack while a panic runs, then recovers it (panic.c with stack.c's growth).
// gort: exit=0 GOARCH=amd64,arm
package main

func grow(n int) int {
	var pad [128]int
	pad[n%128] = n
	if n == 0 {
		return 0
	}
	return grow(n-1) + pad[n%128] - n + 1
}

func f() (r int) {
	defer func() {
		g := grow(3000)
		if x := recover(); x != nil {
			r = g + x.(int)
		}
	}()
	panic(7)
}

func main() {
	println(f())
}
