// Columns count UTF-8 bytes: an error after non-ASCII text on the same line.
package main

func main() {
	s := "héllo wörld"; x := undefinedThing
	println(s, x)
}
