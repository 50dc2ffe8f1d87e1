// A goroutine locked to its thread blocks forever: stoplockedm's checkdead reports it (TestLockedDeadlock).
// gort: exit=2 GOMAXPROCS=1,2,4
package main

import "runtime"

func main() {
	runtime.LockOSThread()
	select {}
}
