// The crashing goroutine first, then every other one with its wait reason, frames and "created
// by" (proc.c tracebackothers, goroutineheader).
// gort: exit=2
package main

import "runtime"

func receiver(c chan int) {
	<-c
}

func sender(c chan int) {
	c <- 1
}

func selector() {
	select {}
}

func main() {
	c := make(chan int)
	d := make(chan int)
	go receiver(c)
	go sender(d)
	go selector()
	go func() {
		var m chan int
		<-m
	}()
	for i := 0; i < 3; i++ {
		runtime.Gosched()
	}
	panic("others")
}
