// A deferred call run by runtime.Goexit panics: the panic ends the program (crash_test.go
// TestPanicAfterGoexit, added by go1.4).
// gort: exit=2
package main

import "runtime"

func main() {
	defer func() {
		panic("hello")
	}()
	runtime.Goexit()
}
