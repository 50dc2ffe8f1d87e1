// Types: constant index out of range, assignment to a string byte, negative index.
package main

func main() {
	var a [3]int
	a[5] = 1
	var s string = "abc"
	s[0] = 'x'
	println(a[-1])
}
