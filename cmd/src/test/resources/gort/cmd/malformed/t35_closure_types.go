// Closures: a literal of the wrong function type and a call used as a value.
package main

func apply(f func(int) int, x int) int { return f(x) }

func main() {
	r := apply(func(x int) string { return "a" }, 1)
	g := func() {}
	println(r, g())
}
