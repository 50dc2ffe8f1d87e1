// Syntax: two syntax errors in different functions are both reported.
package main

func f() {
	a := [3]int{1, 2 3}
}

func main() {
	for i := 0; i < 10; i++ {
		println(i
	}
}
