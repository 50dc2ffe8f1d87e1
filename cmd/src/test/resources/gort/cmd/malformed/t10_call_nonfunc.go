// Types: calling an int.
package main

func main() {
	x := 1
	x()
}
