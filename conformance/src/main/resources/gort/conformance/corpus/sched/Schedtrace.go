// GODEBUG=schedtrace=1: sysmon prints runtime·schedtrace's SCHED lines while main sleeps (schedtrace, parsedebugvars).
// On a slow host the first line may come after main's, so the lines are checked, not their order.
// gort: exit=0 GOMAXPROCS=1,2 env=GODEBUG=schedtrace=1
package main

import "time"

func main() {
	time.Sleep(200 * time.Millisecond)
	println("done")
}
