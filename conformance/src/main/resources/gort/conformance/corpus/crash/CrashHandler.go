// A nil *string dereference recovered in main, on two locked threads, then in main again
// (crash_test.go TestCrashHandler, without cgo).
// gort: exit=0
package main

import "runtime"

type T struct{ s *string }

func (t *T) crash(name string) {
	defer func() {
		if r := recover(); r != nil {
			println(name + ": recovered done")
		}
	}()
	println(*t.s)
}

func locked(name string, done chan bool) {
	runtime.LockOSThread()
	var t T
	t.crash(name)
	done <- true
}

func main() {
	var t T
	t.crash("main")
	c := make(chan bool)
	go locked("new-thread", c)
	<-c
	go locked("second-new-thread", c)
	<-c
	t.crash("main-again")
}
