// Types: a string shift count and a shifted string.
package main

func main() {
	x := 1
	s := "a"
	println(x << s)
	println(s << 1)
}
