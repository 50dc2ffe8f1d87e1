// Deferred calls grow the stack by thousands of small frames while a panic runs, one of them through a nested panic that it recovers; the outer panic must still be the current one afterwards (stack growth during a panic never moves a Panic record: the segment holding runtime.panic's frame is not copyable, in C and in gort).
// gort: exit=0 GOARCH=amd64,arm seeds=2
package main

func grow(n int) int {
	var pad [100]byte
	pad[n%100] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return grow(n-1) + int(pad[n%100])
}

func inner() {
	defer func() {
		println("inner grow", grow(2000))
		r := recover()
		println("inner recovered", r.(string))
	}()
	panic("inner")
}

func outer() {
	defer func() {
		println("outer grow", grow(2000))
		inner()
		println("outer grow again", grow(4000))
		r := recover()
		println("outer recovered", r.(string))
	}()
	panic("outer")
}

func main() {
	outer()
	println("after", grow(3000))
}
