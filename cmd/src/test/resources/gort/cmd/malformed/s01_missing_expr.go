// Syntax: a := with no operand before the closing brace.
package main

func main() {
	x := 
}
