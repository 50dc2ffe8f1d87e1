// Builtins: append to an int, len of an int, cap of a constant, appending a string to []int.
package main

func main() {
	x := 1
	s := append(x, 2)
	println(len(x), cap(5), s)
	var t []int
	t = append(t, "a")
	println(t)
}
