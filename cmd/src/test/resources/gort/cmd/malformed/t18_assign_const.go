// Types: assignments to a constant and to a literal.
package main

const c = 1

func main() {
	c = 2
	len := 3
	println(len)
	1 = 2
}
