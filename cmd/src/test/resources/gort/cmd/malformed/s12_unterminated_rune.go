// Lexical: a rune literal with two characters.
package main

func main() {
	c := 'ab'
	println(c)
}
