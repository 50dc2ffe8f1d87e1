// Limit: the tenth error ends compilation with "too many errors".
package main

func main() {
	println(a1)
	println(a2)
	println(a3)
	println(a4)
	println(a5)
	println(a6)
	println(a7)
	println(a8)
	println(a9)
	println(a10)
	println(a11)
	println(a12)
}
