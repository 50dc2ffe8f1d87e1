// A deferred call panics while the first panic runs it: both panics print, oldest first, and
// the traceback passes through the deferred closure and both runtime.panic frames.
// gort: exit=2
package main

func cleanup(msg string) {
	panic(msg)
}

func work() {
	defer func() {
		cleanup("during defer")
	}()
	panic("first")
}

func main() {
	work()
}
