// select {} in main: the program of crash_test.go TestSimpleDeadlock.
package main

func main() {
	select {}
}
