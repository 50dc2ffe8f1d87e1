// Eight workers drain a buffered channel until close wakes them, then report on another (closechan, chanrecv2).
// gort: exit=0 GOMAXPROCS=1,2,4
package main

func worker(c chan int, done chan int) {
	sum := 0
	for {
		v, ok := <-c
		if !ok {
			break
		}
		sum += v
	}
	done <- sum
}

func main() {
	c := make(chan int, 4)
	done := make(chan int)
	for k := 0; k < 8; k++ {
		go worker(c, done)
	}
	for i := 1; i <= 1000; i++ {
		c <- i
	}
	close(c)
	total := 0
	for k := 0; k < 8; k++ {
		total += <-done
	}
	println(total, len(c), cap(c))
}
