// Syntax: a call whose ) is missing at the end of the line.
package main

func main() {
	println("hi"
}
