// Select: a case that is not a communication, a send of the wrong type, an unused variable.
package main

func main() {
	c := make(chan int)
	x := 0
	select {
	case x > 1:
	case c <- "s":
	case v := <-c:
	}
}
