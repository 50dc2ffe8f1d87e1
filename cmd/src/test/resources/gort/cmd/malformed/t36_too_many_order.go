// Limit: "too many errors" follows the checker's report order (function bodies, unused variables per function, imports last).
package main

import "os"

func f() {
	a := 1
	b := 2
	c := 3
}

func g() int {
	u1()
	u2()
	u3()
	u4()
}

func h() {
	d := 4
	e := 5
	u5()
	u6()
}

func main() {
}
