// Channels: a pipeline of goroutines, buffered channels, close and range, select with default (issue 3).
// gort: exit=0 GOARCH=amd64,arm GOMAXPROCS=1,2
package main

func gen(n int) <-chan int {
	c := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			c <- i
		}
		close(c)
	}()
	return c
}

func square(in <-chan int) <-chan int {
	out := make(chan int, 2)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func main() {
	total := 0
	for v := range square(gen(10)) {
		total += v
	}
	println("sum of squares", total)
	c := make(chan string, 1)
	select {
	case s := <-c:
		println("unexpected", s)
	default:
		println("nothing ready")
	}
	c <- "ready"
	select {
	case s := <-c:
		println(s)
	default:
		println("unexpected default")
	}
}
