// main calls runtime.Goexit after its goroutines end: no goroutine is left (TestGoexitDeadlock).
// gort: exit=2 GOMAXPROCS=1,2,4
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
