// os.Exit from a goroutine other than main ends the whole program with that code (Go's runtime/crash_test.go checks exit codes this way).
// gort: exit=3 GOMAXPROCS=1,2
package main

import (
	"os"
	"runtime"
)

func quit() {
	println("leaving")
	os.Exit(3)
}

func main() {
	go quit()
	for {
		runtime.Gosched()
	}
}
