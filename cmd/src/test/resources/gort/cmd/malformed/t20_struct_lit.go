// Types: struct literal with a bad field value, an unknown field and too few values.
package main

type T struct {
	a int
	b string
}

func main() {
	t := T{a: "x", c: 1}
	u := &T{1}
	println(t.a, u.a)
}
