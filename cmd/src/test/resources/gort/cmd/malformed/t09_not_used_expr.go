// Types: expressions whose values are not used.
package main

func main() {
	x := 1
	x + 1
	x == 2
}
