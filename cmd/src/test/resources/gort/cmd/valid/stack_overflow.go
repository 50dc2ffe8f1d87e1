// Unbounded recursion with a 64 KiB frame under SetMaxStack(4<<20): crash_test.go TestStackOverflow.
package main

import "runtime/debug"

func main() {
	debug.SetMaxStack(4 << 20)
	f(make([]byte, 10))
}

func f(x []byte) byte {
	var buf [64 << 10]byte
	return x[0] + f(buf[:])
}
