// Unbounded recursion with a 64 KiB frame under a 4 MiB limit (TestStackOverflow).
// gort: exit=2 GOARCH=amd64,arm seeds=2
package main

import "runtime/debug"

func f(n int) int {
	var buf [64 << 10]byte
	buf[n%len(buf)] = byte(n)
	return int(buf[n%len(buf)]) + f(n+1)
}

func main() {
	debug.SetMaxStack(4 << 20)
	f(0)
}
