// Unsupported: embedded struct fields.
package main

type A struct{ x int }

type B struct {
	A
	y int
}

func main() {
	var b B
	println(b.y)
}
