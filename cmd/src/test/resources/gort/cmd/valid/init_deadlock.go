// select {} in an init function: crash_test.go TestInitDeadlock.
package main

func init() {
	select {}
}

func main() {
}
