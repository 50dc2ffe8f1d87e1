// Syntax: a var declaration as an if initializer.
package main

func main() {
	if var x = 1; x > 0 {
	}
}
