// Syntax: the opening brace of a function on the next line.
package main

func main()
{
}
