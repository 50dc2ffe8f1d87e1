// Types: assignments between int and string.
package main

func main() {
	var x int
	var s string = x
	x = "hello"
	println(x, s)
}
