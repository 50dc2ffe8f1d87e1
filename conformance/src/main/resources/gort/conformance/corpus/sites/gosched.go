// Goroutines that yield with runtime.Gosched until each has done its share (TestGoschedFairness-style; Go's proc_test.go yields the same way).
// gort: GOMAXPROCS=1,2
package main

import "runtime"

var turns [3]int

func worker(id int, n int) {
	for i := 0; i < n; i++ {
		turns[id]++
		runtime.Gosched()
	}
}

func main() {
	go worker(0, 5)
	go worker(1, 7)
	go worker(2, 3)
	for turns[0] < 5 || turns[1] < 7 || turns[2] < 3 {
		runtime.Gosched()
	}
	println(turns[0], turns[1], turns[2])
}
