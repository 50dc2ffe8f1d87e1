// A deferred call re-panics a panic it recovered, the outer defer recovers that, then a new
// panic ends the program (crash_test.go TestRecursivePanic, with a smaller argument array).
// gort: exit=2
package main

func fn(b [64]int) {
	if b[0] == 0 {
		panic("bad")
	}
}

func main() {
	func() {
		defer func() {
			err := recover()
			if err != nil {
				println(err.(string))
			}
		}()
		func() {
			defer func() {
				err := recover()
				if err != nil {
					panic("wrap: " + err.(string))
				}
			}()
			var b [64]int
			fn(b)
		}()
	}()
	panic("again")
}
