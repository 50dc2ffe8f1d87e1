// An unrecovered panic in main: crash_test.go TestMainGoroutineId.
package main

func main() {
	panic("test")
}
