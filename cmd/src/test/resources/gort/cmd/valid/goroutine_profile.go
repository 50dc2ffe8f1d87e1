// Goroutines looping on syscall.Close(-1) while main takes goroutine profiles: runtime_unix_test.go TestGoroutineProfile (a plain flag for sync/atomic).
package main

import (
	"runtime"
	"syscall"
)

var stop bool

func main() {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(100))
	done := make(chan bool, 4)
	for i := 0; i < 4; i++ {
		go func() {
			for !stop {
				syscall.Close(-1)
			}
			done <- true
		}()
	}
	max := 100
	stk := make([]runtime.StackRecord, 100)
	for n := 0; n < max; n++ {
		_, ok := runtime.GoroutineProfile(stk)
		if !ok {
			panic("GoroutineProfile failed")
		}
	}
	stop = true
	for i := 0; i < 4; i++ {
		<-done
	}
}
