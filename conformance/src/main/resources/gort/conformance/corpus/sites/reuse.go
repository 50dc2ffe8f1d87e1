// Many short goroutines one after another, so dead Gs return to the free list and newproc1 reuses them (gfput/gfget; TestGoroutineParallelism-style spawning).
// gort: GOMAXPROCS=1,2
package main

import "runtime"

var squares [40]int

func square(i int) {
	squares[i] = i * i
}

func main() {
	for i := 0; i < 40; i++ {
		go square(i)
		for squares[i] != i*i {
			runtime.Gosched()
		}
	}
	sum := 0
	for i := 0; i < 40; i++ {
		sum += squares[i]
	}
	println(sum)
}
