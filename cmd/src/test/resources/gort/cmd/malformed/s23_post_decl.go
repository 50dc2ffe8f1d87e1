// Syntax: := in the post statement of a for loop.
package main

func main() {
	for i := 0; i < 3; j := 1 {
	}
}
