// A deferred call's pointer into the heap and its argp survive stack growth (TestDeferPtrs), on both paths: copying (GOCOPYSTACK=1) and segmented, the defer's frame split off and unwound through lessstack (GOCOPYSTACK=0).
// gort: exit=0 GOARCH=amd64,arm env=GOCOPYSTACK=1|GOCOPYSTACK=0 seeds=2
package main

import "os"

func set(p *int, x int) {
	*p = x
}

func grow(n int) int {
	var pad [100]int
	pad[n%100] = n
	if n == 0 {
		return 0
	}
	return grow(n-1) + pad[n%100] - n
}

func f() (y int) {
	defer set(&y, 42)
	grow(2000)
	return 0
}

func g(depth int) int {
	if depth == 0 {
		return f()
	}
	var x [32]int
	x[depth%32] = depth
	r := g(depth - 1)
	if x[depth%32] != depth {
		println("stack is corrupted")
		os.Exit(1)
	}
	return r
}

func main() {
	y := f()
	if y != 42 {
		println("defer's stack references were not adjusted appropriately", y)
		os.Exit(1)
	}
	println(g(50))
}
