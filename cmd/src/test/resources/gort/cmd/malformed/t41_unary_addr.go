// Address of a call result and of a constant.
package main

func f() int { return 1 }

func main() {
	p := &f()
	q := &1
	println(p, q)
}
