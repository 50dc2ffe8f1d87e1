// Constants: typed constant arithmetic and shifts that overflow.
package main

const a int8 = 100
const b = a * 2
const c uint8 = 255 + 1

func main() {
	var s uint = 1 << 64
	println(b, c, s, 1 << -1)
}
