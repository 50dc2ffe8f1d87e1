// go statements whose arguments (ints, a struct by value, a pointer) are copied onto the new goroutine's stack by newproc1 (Go's test/goprint.go-style).
// gort: GOMAXPROCS=1
package main

import "runtime"

type point struct {
	x, y int
}

var out point
var ready bool

func move(p point, dx int, dy int, res *point) {
	res.x = p.x + dx
	res.y = p.y + dy
	ready = true
}

func main() {
	p := point{3, 4}
	go move(p, 10, 20, &out)
	p.x = 100
	for !ready {
		runtime.Gosched()
	}
	println(out.x, out.y, p.x)
}
