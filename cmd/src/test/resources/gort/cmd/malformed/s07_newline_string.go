// Lexical: a string literal cut by a newline, and the syntax error it causes.
package main

func main() {
	println("abc)
}
