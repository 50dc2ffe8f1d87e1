// Types: an unknown struct field.
package main

type T struct {
	a int
}

func main() {
	var t T
	t.b = 1
	println(t.a)
}
