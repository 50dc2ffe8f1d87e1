// Types: pointer type mismatch and indirection of an int.
package main

func main() {
	x := 1
	var p *string = &x
	println(*x, p)
}
