// A deferred call of a panicking goroutine calls runtime.Goexit, then main does: no goroutine
// is left (crash_test.go TestGoexitInPanic, added by go1.4; the C of 0a7c7ac80 behaves alike).
// gort: exit=2
package main

import "runtime"

func main() {
	go func() {
		defer func() {
			runtime.Goexit()
		}()
		panic("hello")
	}()
	runtime.Goexit()
}
