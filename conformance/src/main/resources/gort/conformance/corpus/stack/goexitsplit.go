// runtime.Goexit deep in a split stack: goexit0's unwindstack frees the segments before gfput (GOCOPYSTACK=0).
// gort: exit=0 GOARCH=amd64,arm env=GOCOPYSTACK=0 seeds=5
package main

import "runtime"

var done bool

func deep(n int) {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		done = true
		runtime.Goexit()
	}
	deep(n - 1)
}

func main() {
	go deep(100)
	for !done {
		runtime.Gosched()
	}
	runtime.Gosched()
	runtime.Gosched()
	go deep(1)
	runtime.Gosched()
	println("ok")
}
