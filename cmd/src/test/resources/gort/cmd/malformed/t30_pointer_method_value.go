// Methods: a pointer method on a non-addressable value.
package main

type T int

func (t *T) P() {}

func main() {
	T(1).P()
}
