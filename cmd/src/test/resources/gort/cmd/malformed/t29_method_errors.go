// Methods: duplicate method, field and method of one name, method on int, unknown method.
package main

type T struct {
	x int
}

func (t T) M() {}

func (t *T) M() {}

func (t T) x() {}

func (i int) bad() {}

func main() {
	T{}.N()
}
