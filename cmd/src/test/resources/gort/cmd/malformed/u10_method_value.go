// Unsupported: method values.
package main

type T int

func (t T) M() int { return int(t) }

func main() {
	var t T
	f := t.M
	println(f())
}
