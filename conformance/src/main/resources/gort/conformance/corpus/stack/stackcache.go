// 200 goroutines that each grow to between 1 and 16 KiB of stack, then exit (TestStackCache).
// gort: exit=0 GOMAXPROCS=1,2,4 GOARCH=amd64,arm seeds=5
package main

import "runtime"

var done [200]bool

func use(n int) int {
	var buf [128]byte
	buf[n%128] = byte(n)
	if n <= 0 {
		return int(buf[0])
	}
	return use(n-1) + int(buf[n%128]) - n%256 + n%256
}

func worker(i int) {
	n := (i%16 + 1) * 1024 / 160 // 1..16 KiB of 160-byte frames
	use(n)
	done[i] = true
}

func main() {
	for i := 0; i < 200; i++ {
		go worker(i)
	}
	for {
		all := true
		for i := 0; i < 200; i++ {
			if !done[i] {
				all = false
			}
		}
		if all {
			break
		}
		runtime.Gosched()
	}
	println("done")
}
