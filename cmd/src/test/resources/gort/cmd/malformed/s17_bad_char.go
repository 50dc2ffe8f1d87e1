// Lexical: an invalid character in an expression.
package main

func main() {
	x := 1 @ 2
	println(x)
}
