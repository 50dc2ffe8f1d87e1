// Panics and recover: runtime errors and panic values recovered by deferred closures, re-panics (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func safeDiv(a, b int) (q int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return a / b, true
}

func try(f func()) (msg string) {
	defer func() {
		switch r := recover(); {
		case r == nil:
			msg = "no panic"
		default:
			if s, ok := r.(string); ok {
				msg = "panic: " + s
			} else {
				msg = "other panic"
			}
		}
	}()
	f()
	return "returned"
}

func main() {
	println(safeDiv(10, 3))
	println(safeDiv(1, 0))
	println(try(func() {}))
	println(try(func() { panic("oops") }))
	println(try(func() { var s []int; _ = s[5] }))
	println(try(func() {
		defer func() { panic("again") }()
		panic("first")
	}))
}
