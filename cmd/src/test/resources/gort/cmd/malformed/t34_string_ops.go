// Types: arithmetic operators on strings.
package main

func main() {
	s := "abc"
	println(s - "a", s * 2, -s)
	var b byte = s
	println(b)
}
