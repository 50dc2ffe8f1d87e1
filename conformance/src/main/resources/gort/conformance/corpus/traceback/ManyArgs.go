// A frame with twelve argument words prints ten of them and ", ...".
// gort: exit=2
package main

func f(a, b, c, d, e, f, g, h, i, j, k, l int) {
	if a+l > 0 {
		panic("many arguments")
	}
}

func main() {
	f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
}
