// 100 goroutines each lock a thread past debug.SetMaxThreads(10): checkmcount throws (TestThreadExhaustion).
// gort: exit=2 GOMAXPROCS=1,2,4
package main

import (
	"runtime"
	"runtime/debug"
)

func main() {
	debug.SetMaxThreads(10)
	c := make(chan int)
	for i := 0; i < 100; i++ {
		go func() {
			runtime.LockOSThread()
			c <- 0
			select {}
		}()
		<-c
	}
}
