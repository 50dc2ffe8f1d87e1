// Syntax: an extra ) at the end of a statement.
package main

func main() {
	x := (1 + 2))
	println(x)
}
