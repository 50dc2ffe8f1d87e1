// Untyped nil in := and as an int.
package main

func main() {
	x := nil
	var y int = nil
	var p *int
	println(p == nil, x, y, nil == nil)
}
