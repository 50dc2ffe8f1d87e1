// Syntax: the brace of an if on the next line.
package main

func main() {
	x := 1
	if x == 1
	{
	}
}
