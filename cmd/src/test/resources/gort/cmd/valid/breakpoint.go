// runtime.Breakpoint: crash_test.go TestBreakpoint (go1.4).
package main

import "runtime"

func main() {
	runtime.Breakpoint()
}
