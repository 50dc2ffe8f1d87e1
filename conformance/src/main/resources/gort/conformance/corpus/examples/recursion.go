// Recursion: Fibonacci and Ackermann numbers, a deep call chain (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func ack(m, n int) int {
	switch {
	case m == 0:
		return n + 1
	case n == 0:
		return ack(m-1, 1)
	}
	return ack(m-1, ack(m, n-1))
}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return 1 + depth(n-1)
}

func main() {
	for i := 0; i <= 20; i += 5 {
		println("fib", i, fib(i))
	}
	println("ack(2, 3) =", ack(2, 3))
	println("depth", depth(10000))
}
