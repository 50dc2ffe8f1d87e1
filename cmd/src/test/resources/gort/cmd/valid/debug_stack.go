// Value and pointer methods on a named type calling runtime.Stack: debug/stack_test.go TestStack.
package main

import "runtime"

type T int

func (t *T) ptrmethod() []byte {
	buf := make([]byte, 1024)
	n := runtime.Stack(buf, false)
	return buf[:n]
}

func (t T) method() []byte {
	return t.ptrmethod()
}

func main() {
	b := T(0).method()
	println(len(b) > 0)
}
