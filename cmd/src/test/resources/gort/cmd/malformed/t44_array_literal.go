// Array literals with too many elements and bad element types.
package main

func main() {
	a := [2]int{1, 2, 3}
	b := [...]int{5: 1, 2}
	c := []string{1}
	println(len(a), len(b), c)
}
