// A nil pointer dereference in a leaf function: the signal line, then the faulting frame (on
// arm the LR the signal handler stored is taken back after sigpanic).
// gort: exit=2
package main

type node struct {
	next *node
	v    int
}

func last(n *node) int {
	return n.next.v
}

func main() {
	println(last(&node{v: 1}))
}
