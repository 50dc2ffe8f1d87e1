// runtime.Goexit during init runs init's deferred calls and runtime·main's initDone defer, which
// unlocks the main goroutine from m0; then no goroutine is left (Go's checkdead message).
// Without the initDone defer, goexit0 would find m0 still locked ("internal lockOSThread error").
// gort: exit=2 GOMAXPROCS=1,2,4
package main

import "runtime"

func init() {
	defer println("init's deferred call")
	runtime.Goexit()
}

func main() {
	println("main.main must not run")
}
