// Resolution: redeclared functions and variables, := without new variables.
package main

func f() {}

func f() {}

func main() {
	x := 1
	x := 2
	var y int
	var y string
	println(x, y)
}
