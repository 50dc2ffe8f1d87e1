// Types: ! on int, - on bool, && on mixed types.
package main

func main() {
	x := 1
	b := true
	println(!x, -b, b && x)
}
