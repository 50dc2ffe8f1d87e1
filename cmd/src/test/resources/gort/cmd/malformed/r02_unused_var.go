// Resolution: variables declared and never used.
package main

func main() {
	a := 1
	var b int
	c, d := 1, 2
	println(c)
}
