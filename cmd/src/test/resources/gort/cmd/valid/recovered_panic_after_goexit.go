// A panic recovered in a defer run by Goexit: crash_test.go TestRecoveredPanicAfterGoexit (go1.4).
package main

import "runtime"

func main() {
	defer func() {
		defer func() {
			r := recover()
			if r == nil {
				panic("bad recover")
			}
		}()
		panic("hello")
	}()
	runtime.Goexit()
}
