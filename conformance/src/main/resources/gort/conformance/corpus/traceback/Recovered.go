// A panic recovered in a deferred call, then a new panic from the same deferred call: the
// first prints with [recovered] (panic.c printpanics).
// gort: exit=2
package main

func main() {
	defer func() {
		r := recover()
		println("recovered", r.(string))
		panic("after recover")
	}()
	panic("original")
}
