// GOTRACEBACK=2, and crash (level 2 as well; gort exits 2 where C raises SIGABRT): runtime
// frames (runtime.main, runtime.goexit) and fp/sp on every frame.
// gort: exit=2 env=GOTRACEBACK=2|GOTRACEBACK=crash
package main

func inner(x int) {
	panic("level two")
}

func main() {
	go inner(5)
	inner(1)
}
