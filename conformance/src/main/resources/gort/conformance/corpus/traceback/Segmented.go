// Segmented stacks (GOCOPYSTACK=0) at GOTRACEBACK=2: the walk crosses each segment through its
// Stktop and prints "----- stack segment boundary -----".
// gort: exit=2 env=GOCOPYSTACK=0 env=GOTRACEBACK=2
package main

func grow(n int) int {
	var buf [64]int
	buf[n%64] = n
	if n == 0 {
		panic("segmented")
	}
	return grow(n-1) + buf[0]
}

func main() {
	grow(12)
}
