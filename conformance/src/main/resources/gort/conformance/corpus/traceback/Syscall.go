// GOTRACEBACK=2 shows the system goroutine timerproc, blocked in a system call (notetsleepg):
// its traceback starts at syscallpc/syscallsp (the commit's readgstatus & ~Gscan == Gsyscall).
// gort: exit=2 env=GOTRACEBACK=2
package main

import "time"

func sleeper() {
	time.Sleep(3600 * time.Second)
}

func main() {
	go sleeper()
	time.Sleep(10 * time.Millisecond)
	panic("timers pending")
}
