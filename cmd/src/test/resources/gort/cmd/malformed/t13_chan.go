// Types: send and receive of the wrong type, send to a non-channel.
package main

func main() {
	c := make(chan int)
	c <- "x"
	var s string = <-c
	x := 1
	x <- 1
	println(s)
}
