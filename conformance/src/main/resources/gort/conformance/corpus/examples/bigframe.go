// Big frames: a function with a 64 KiB array local, called recursively, its data checked (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func big(n int) int {
	var buf [8192]int
	for i := range buf {
		buf[i] = i + n
	}
	s := 0
	if n > 0 {
		s = big(n - 1)
	}
	return s + buf[8191] - buf[0]
}

func main() {
	println(big(3))
}
