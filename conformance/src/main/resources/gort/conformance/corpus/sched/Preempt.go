// With one P, a goroutine that never yields is preempted by sysmon at a function prologue (retake, preemptone).
// gort: exit=0 GOMAXPROCS=1 seeds=5
package main

import "runtime"

// step calls inc, so its prologue checks the stack: that check is where the preemption request
// lands (a call-free leaf has no check, and neither would an inlined one in Go).
func step(x int) int {
	return inc(x)
}

func inc(x int) int {
	return x + 1
}

func spin() {
	x := 0
	for {
		x = step(x)
	}
}

func main() {
	go spin()
	runtime.Gosched()
	println("main ran")
}
