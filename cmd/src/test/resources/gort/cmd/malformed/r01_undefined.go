// Resolution: undefined variable and function.
package main

func main() {
	x := y + 1
	println(x)
	z()
}
