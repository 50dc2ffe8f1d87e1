// An unrecovered panic: deferred calls run, then Go 1.3's "panic: value" and the goroutine header, exit 2.
// gort: exit=2 GOARCH=amd64,arm
package main

func main() {
	defer println2("deferred")
	panic("something bad happened")
}

func println2(s string) { println(s) }
