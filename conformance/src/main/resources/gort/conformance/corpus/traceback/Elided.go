// A panic 150 calls deep: 100 frames print, then "...additional frames elided..."
// (traceback_x86.c / traceback_arm.c, TracebackMaxFrames).
// gort: exit=2
package main

func down(n int) int {
	if n == 0 {
		panic("deep")
	}
	return down(n-1) + 1
}

func main() {
	println(down(150))
}
