// A call of a nil func value: the signal line, and sigpanic seen as called by the caller of
// the nil call (signal_amd64x.c pushes no pc at 0; signal_arm.c keeps the old LR).
// gort: exit=2
package main

func call(f func(int) int) int {
	return f(1) + 1
}

func main() {
	var f func(int) int
	println(call(f))
}
