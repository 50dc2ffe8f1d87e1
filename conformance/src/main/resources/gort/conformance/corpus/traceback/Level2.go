// GOTRACEBACK=2: runtime frames (runtime.main, runtime.goexit) and fp/sp on every frame.
// gort: exit=2 env=GOTRACEBACK=2
package main

func inner(x int) {
	panic("level two")
}

func main() {
	go inner(5)
	inner(1)
}
