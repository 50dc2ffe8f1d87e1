// select {} in main is a deadlock that checkdead reports (TestSimpleDeadlock).
// gort: exit=2 GOMAXPROCS=1,2,4
package main

func main() {
	select {}
}
