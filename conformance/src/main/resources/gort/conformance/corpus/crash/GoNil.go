// go of a nil func value is a fatal error, not a recoverable panic (TestGoNil).
// gort: exit=2 GOMAXPROCS=1,2,4
package main

func main() {
	defer func() {
		recover()
	}()
	var f func()
	go f()
	select {}
}
