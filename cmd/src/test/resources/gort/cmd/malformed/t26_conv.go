// Conversions: string to int and int constant to bool.
package main

func main() {
	s := "a"
	x := int(s)
	b := bool(1)
	println(x, b)
}
