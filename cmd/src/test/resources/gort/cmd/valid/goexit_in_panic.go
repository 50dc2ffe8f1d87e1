// Goexit from a deferred call during a panic: crash_test.go TestGoexitInPanic (go1.4).
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
