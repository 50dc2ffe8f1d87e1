// A slice of a local array stays valid in a package variable while the stack grows (slicing moves the array to the heap).
// gort: exit=0 GOARCH=amd64,arm
package main

var keep []int

func f(n int) int {
	var a [4]int
	a[0] = n
	s := a[:]
	if n > 0 {
		keep = s
		return f(n-1) + s[0]
	}
	return 0
}

func main() {
	println(f(2000), keep[0])
}
