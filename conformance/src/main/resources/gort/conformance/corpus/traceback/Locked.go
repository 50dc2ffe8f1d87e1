// A goroutine locked to its thread panics: its header says ", locked to thread".
// gort: exit=2
package main

import "runtime"

func main() {
	runtime.LockOSThread()
	panic("locked")
}
