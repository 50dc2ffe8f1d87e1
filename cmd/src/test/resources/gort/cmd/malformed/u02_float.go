// Unsupported: floating-point types and literals.
package main

func main() {
	var f float64 = 1.5
	println(f)
}
