// A locked goroutine blocks forever while main sleeps and blocks: crash_test.go TestLockedDeadlock2.
package main

import (
	"runtime"
	"time"
)

func main() {
	go func() {
		runtime.LockOSThread()
		select {}
	}()
	time.Sleep(time.Millisecond)
	select {}
}
