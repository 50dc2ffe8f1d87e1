// GODEBUG=schedtrace=1: sysmon prints runtime·schedtrace's SCHED line every millisecond while main sleeps (schedtrace, parsedebugvars).
// gort: exit=0 GOMAXPROCS=1,2 env=GODEBUG=schedtrace=1
package main

import "time"

func main() {
	time.Sleep(20 * time.Millisecond)
	println("done")
}
