// Three goroutines sleep 150ms, 50ms and 100ms: the timer heap wakes them by deadline (timeSleep, timerproc).
// gort: exit=0 GOMAXPROCS=1
package main

import "time"

func sleeper(d time.Duration, id int, done chan int) {
	time.Sleep(d)
	println(id)
	done <- id
}

func main() {
	done := make(chan int)
	go sleeper(150*time.Millisecond, 3, done)
	go sleeper(50*time.Millisecond, 1, done)
	go sleeper(100*time.Millisecond, 2, done)
	<-done
	<-done
	<-done
	println("done")
}
