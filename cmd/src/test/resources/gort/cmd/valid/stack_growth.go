// Deep recursion passing a pointer into the caller's frame, and a deferred call with a stack pointer: stack_test.go TestStackGrowth (growStack, growStackIter) and TestDeferPtrs.
package main

import "runtime"

func growStack() {
	n := 1 << 10
	for i := 0; i < n; i++ {
		x := 0
		growStackIter(&x, i)
		if x != i+1 {
			panic("stack is corrupted")
		}
	}
	runtime.GC()
}

func growStackIter(p *int, n int) {
	if n == 0 {
		*p = n + 1
		runtime.GC()
		return
	}
	*p = n + 1
	x := 0
	growStackIter(&x, n-1)
	if x != n {
		panic("stack is corrupted")
	}
}

func set(p *int, x int) {
	*p = x
}

func main() {
	var y int
	defer func() {
		if y != 42 {
			panic("defer's stack references were not adjusted appropriately")
		}
	}()
	defer set(&y, 42)
	growStack()
}
