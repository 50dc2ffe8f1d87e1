// Interfaces: recover()'s interface{} result assigned to an int.
package main

func main() {
	r := recover()
	var x int = r
	println(x)
}
