// Unsupported: generic functions.
package main

func f[T any](x T) T { return x }

func main() {
	println(f(1))
}
