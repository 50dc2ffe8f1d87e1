// Types: := and var with the wrong number of values.
package main

func two() (int, int) { return 1, 2 }

func main() {
	a := two()
	b, c, d := two()
	var e, f int = 1
	println(a, b, c, d, e, f)
}
