// Cycles: types that contain themselves by value, directly and mutually, and a package variable initialized through a function that reads it.
package main

type T struct {
	t T
}

type A struct {
	b [2]B
}

type B struct {
	a A
	p *B
}

type L struct {
	next *L
}

var x = f()

func f() int { return x }

func main() {
	var t T
	var l L
	println(t.t == t.t, l.next == nil)
}
