// Lexical: a general comment that never ends.
package main

func main() {
	/* never closed
}
