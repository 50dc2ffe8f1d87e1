// A nil pointer dereference: a memory fault at a small address becomes Go 1.3's run-time error with its signal line.
// gort: exit=2 GOARCH=amd64,arm
package main

type T struct{ a, b int }

func get(t *T) int { return t.b }

func main() {
	var t *T
	println(get(t))
}
