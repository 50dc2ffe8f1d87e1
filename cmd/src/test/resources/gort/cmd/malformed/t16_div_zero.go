// Constants: division by a constant zero.
package main

func main() {
	x := 1
	println(x / 0)
	const c = 10 / 0
}
