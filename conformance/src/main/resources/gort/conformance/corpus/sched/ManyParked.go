// 2000 goroutines park on one channel and are released one by one (park_m, ready, findrunnable, stealing).
// gort: exit=0 GOMAXPROCS=1,2,4 seeds=5
package main

func waiter(c chan int, done chan int) {
	v := <-c
	done <- v
}

func main() {
	c := make(chan int)
	done := make(chan int, 100)
	n := 2000
	for i := 0; i < n; i++ {
		go waiter(c, done)
	}
	sum := 0
	for i := 0; i < n; i++ {
		c <- 1
		sum += <-done
	}
	println(sum)
}
