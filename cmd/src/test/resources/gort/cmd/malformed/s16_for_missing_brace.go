// Syntax: the brace of a for loop on the next line.
package main

func main() {
	for i := 0; i < 3; i++
	{
	}
}
