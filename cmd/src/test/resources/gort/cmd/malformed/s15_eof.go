// Syntax: end of file inside a function body.
package main

func main() {
	println(1)
