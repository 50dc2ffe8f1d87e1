// select: default when nothing is ready, a blocked select woken by a sender, a closed channel's zero value (selectgo).
// gort: exit=0 GOMAXPROCS=1,2,4
package main

func sender(c chan int, v int) {
	c <- v
}

func main() {
	a := make(chan int)
	b := make(chan int)
	select {
	case v := <-a:
		println("a", v)
	default:
		println("default")
	}
	go sender(b, 42)
	select {
	case v := <-a:
		println("a", v)
	case v, ok := <-b:
		println("b", v, ok)
	}
	close(a)
	select {
	case v, ok := <-a:
		println("closed", v, ok)
	case v := <-b:
		println("b", v)
	}
}
