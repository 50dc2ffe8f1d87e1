// Methods: an unknown method.
package main

type T int

func (t T) m() int { return int(t) }

func main() {
	var t T
	t.n()
	var x int = t
	println(x)
}
