// The main goroutine is goroutine 1 (crash_test.go TestMainGoroutineId).
// gort: exit=2
package main

func main() {
	panic("test")
}
