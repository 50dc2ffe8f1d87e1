// Syntax: else on the line after the if block's closing brace.
package main

func main() {
	if true {
	}
	else {
	}
}
