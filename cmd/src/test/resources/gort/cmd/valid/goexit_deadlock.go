// Two goroutines finish, then main calls Goexit: crash_test.go TestGoexitDeadlock.
package main

import (
	"runtime"
)

func F() {
	for i := 0; i < 10; i++ {
	}
}

func main() {
	go F()
	go F()
	runtime.Goexit()
}
