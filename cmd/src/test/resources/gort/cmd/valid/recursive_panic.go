// A panic with an 8 KiB argument frame, re-panicked from its defer: crash_test.go TestRecursivePanic (println for fmt.Println).
package main

func main() {
	func() {
		defer func() {
			println(recover())
		}()
		var x [8192]byte
		func(x [8192]byte) {
			defer func() {
				if err := recover(); err != nil {
					panic("wrap: " + err.(string))
				}
			}()
			panic("bad")
		}(x)
	}()
	panic("again")
}
