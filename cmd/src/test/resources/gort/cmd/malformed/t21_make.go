// Builtins: make with missing length and a non-makeable type.
package main

func main() {
	s := make([]int)
	t := make(int, 3)
	println(len(s), t)
}
