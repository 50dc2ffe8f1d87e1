// go of a nil func value: crash_test.go TestGoNil.
package main

func main() {
	var f func()
	go f()
	select {}
}
