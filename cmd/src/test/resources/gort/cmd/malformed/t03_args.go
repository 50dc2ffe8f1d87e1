// Types: too few and too many arguments.
package main

func f(a, b int) int { return a + b }

func main() {
	println(f(1))
	println(f(1, 2, 3))
}
