// A deferred call with a 16 KiB frame splits the stack at its prologue during a panic and still recovers; recovery unwinds the segments.
// gort: exit=0 GOARCH=amd64,arm seeds=2
package main

func big() {
	var buf [16 << 10]byte
	buf[100] = 7
	if recover() != nil {
		println("recovered", buf[100])
	}
}

func deep(n int) {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		panic("boom")
	}
	deep(n - 1)
}

func h() {
	defer big()
	deep(10)
}

func main() {
	h()
	println("after")
}
