// Closures, a value method and a pointer method on the stack when a panic starts.
// gort: exit=2
package main

type T struct{ n int }

func (t *T) ptr(k int) int {
	if k == 3 {
		panic("in pointer method")
	}
	return t.n + k
}

func (t T) val(k int) int {
	return t.ptr(k)
}

func apply(f func(int) int, k int) int {
	return f(k)
}

func main() {
	t := T{n: 7}
	m := func(k int) int {
		return t.val(k)
	}
	add := func(k int) int {
		return apply(m, k) + 1
	}
	for k := 0; k < 5; k++ {
		println(add(k))
	}
}
