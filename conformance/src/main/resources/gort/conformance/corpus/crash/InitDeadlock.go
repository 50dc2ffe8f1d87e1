// select {} in init, while the main goroutine is locked to m0, is a deadlock (TestInitDeadlock).
// gort: exit=2 GOMAXPROCS=1,2,4
package main

func init() {
	select {}
}

func main() {
}
