// Ping-pong over an unbuffered channel: every send parks or readies the other side (park_m, ready).
// gort: exit=0 GOMAXPROCS=1,2,4
package main

func echo(c chan int) {
	for {
		v := <-c
		c <- v + 1
	}
}

func main() {
	c := make(chan int)
	go echo(c)
	sum := 0
	for i := 0; i < 1000; i++ {
		c <- i
		sum += <-c
	}
	println(sum)
}
