// Constants: untyped constants that overflow byte, int8, int and uint.
package main

func main() {
	var b byte = 300
	var i8 int8 = -129
	const c = 1 << 70
	var x int = c
	var u uint = -1
	println(b, i8, x, u)
}
