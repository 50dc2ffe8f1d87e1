// Types: int conditions in if and for.
package main

func main() {
	x := 1
	if x {
	}
	for x {
	}
}
