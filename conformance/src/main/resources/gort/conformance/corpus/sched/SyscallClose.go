// Four goroutines loop on syscall.Close(-1) while sysmon may retake their Ps (entersyscall, exitsyscall, retake).
// gort: exit=0 GOMAXPROCS=1,2,4
package main

import "syscall"

func closer(n int, done chan int) {
	bad := 0
	for i := 0; i < n; i++ {
		if syscall.Close(-1) != nil {
			bad++
		}
	}
	done <- bad
}

func main() {
	done := make(chan int)
	for k := 0; k < 4; k++ {
		go closer(500, done)
	}
	total := 0
	for k := 0; k < 4; k++ {
		total += <-done
	}
	println(total)
}
