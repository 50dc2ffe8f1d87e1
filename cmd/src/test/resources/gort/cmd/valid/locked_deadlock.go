// LockOSThread, then select {}: crash_test.go TestLockedDeadlock.
package main

import "runtime"

func main() {
	runtime.LockOSThread()
	select {}
}
