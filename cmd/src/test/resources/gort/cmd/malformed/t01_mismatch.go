// Types: int + string.
package main

func main() {
	x := 1
	s := "a"
	println(x + s)
}
