// Branches: continue and goto with undefined labels, and an unused label.
package main

func main() {
	for {
		continue L
	}
	goto M
L2:
	println()
}
