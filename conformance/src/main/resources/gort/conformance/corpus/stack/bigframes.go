// Frames of 4, 16 and 64 KiB, each bigger than a new goroutine's whole stack (big frames).
// gort: exit=0 GOARCH=amd64,arm seeds=2
package main

import "os"

func f4(n int) int {
	var buf [4 << 10]byte
	buf[n%len(buf)] = byte(n)
	if n == 0 {
		return 0
	}
	r := f16(n-1) + 1
	if buf[n%len(buf)] != byte(n) {
		println("stack is corrupted")
		os.Exit(1)
	}
	return r
}

func f16(n int) int {
	var buf [16 << 10]byte
	buf[len(buf)-1-n] = byte(n)
	if n == 0 {
		return 0
	}
	r := f64(n-1) + 1
	if buf[len(buf)-1-n] != byte(n) {
		println("stack is corrupted")
		os.Exit(1)
	}
	return r
}

func f64(n int) int {
	var buf [64 << 10]byte
	buf[n] = byte(n)
	if n == 0 {
		return 0
	}
	r := f4(n-1) + 1
	if buf[n] != byte(n) {
		println("stack is corrupted")
		os.Exit(1)
	}
	return r
}

func main() {
	println(f4(30))
	println(f64(10))
}
