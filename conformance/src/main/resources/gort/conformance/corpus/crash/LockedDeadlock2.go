// A locked goroutine and main both block forever, main after a sleep (TestLockedDeadlock2).
// gort: exit=2 GOMAXPROCS=1,2,4
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
