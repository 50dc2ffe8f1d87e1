// Recursion to depth 1024 with a pointer checked after each growth (TestStackGrowth), on both paths: copying (GOCOPYSTACK=1) and segmented, every split returning through lessstack (GOCOPYSTACK=0).
// gort: exit=0 GOARCH=amd64,arm env=GOCOPYSTACK=1|GOCOPYSTACK=0 seeds=2
package main

import "os"

// gort's compiler moves every variable whose address is taken to the heap, so x is a heap
// word here; the element stores below (buf[i] = call()) keep a pointer into the frame in a
// temporary across the call, which stack copying must move.

func growStackIter(p *int, n int) {
	if n == 0 {
		*p = n + 1
		return
	}
	*p = n + 1
	x := 0
	growStackIter(&x, n-1)
	if x != n {
		println("stack is corrupted")
		os.Exit(1)
	}
}

func fill(n int) int {
	var buf [8]int
	if n == 0 {
		return 0
	}
	buf[n%8] = fill(n-1) + 1
	if buf[n%8] != n {
		println("stack is corrupted")
		os.Exit(1)
	}
	return buf[n%8]
}

func main() {
	for i := 0; i < 1024; i++ {
		x := 0
		growStackIter(&x, i)
		if x != i+1 {
			println("stack is corrupted")
			os.Exit(1)
		}
	}
	println(fill(1024))
	println("ok")
}
