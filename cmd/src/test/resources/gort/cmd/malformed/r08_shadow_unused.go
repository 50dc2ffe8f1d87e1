// Resolution: unused variables in if, for and closure scopes.
package main

func main() {
	x := 1
	if x := 2; true {
	}
	for i := 0; i < 3; i++ {
		y := i
	}
	func() {
		z := 3
	}()
	println(x)
}
