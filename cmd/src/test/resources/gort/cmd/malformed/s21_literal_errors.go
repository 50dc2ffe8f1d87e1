// Lexical: malformed hexadecimal, octal and separator literals and an unknown escape.
package main

func main() {
	a := 0x
	b := 09
	c := 1__0
	d := "\q"
	println(a, b, c, d)
}
