// A nil *string dereference recovered in main and in locked threads: crash_test.go TestCrashHandler (print for fmt).
package main

import (
	"runtime"
)

func test(name string) {
	defer func() {
		if x := recover(); x != nil {
			print(" recovered")
		}
		print(" done\n")
	}()
	print(name, ":")
	var s *string
	_ = *s
	print("SHOULD NOT BE HERE")
}

func testInNewThread(name string) {
	c := make(chan bool)
	go func() {
		runtime.LockOSThread()
		test(name)
		c <- true
	}()
	<-c
}

func main() {
	runtime.LockOSThread()
	test("main")
	testInNewThread("new-thread")
	testInNewThread("second-new-thread")
	test("main-again")
}
