// Recursion with 64 KiB frames past debug.SetMaxStack(4 MiB): newstack's limit check throws on
// g0, so the goroutine prints after "runtime stack:" with fp and sp (crash_test.go
// TestStackOverflow). amd64 only: on arm the 4 MiB of stacks plus 64 KiB buffers overrun the
// simulated 32-bit heap's reserved region (a gort limit of the stand-in heap, issue 18).
// gort: exit=2 GOARCH=amd64
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
