// Types: range over an int (not allowed in Go 1.19).
package main

func main() {
	x := 10
	for i := range x {
		println(i)
	}
}
