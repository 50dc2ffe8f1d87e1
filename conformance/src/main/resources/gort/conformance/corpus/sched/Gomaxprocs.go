// runtime.GOMAXPROCS returns the old value and resizes with the world stopped (gomaxprocsfunc, procresize).
// gort: exit=0 GOMAXPROCS=1
package main

import "runtime"

func main() {
	a := runtime.GOMAXPROCS(4)
	b := runtime.GOMAXPROCS(0)
	c := runtime.GOMAXPROCS(2)
	println(a, b, c)
}
