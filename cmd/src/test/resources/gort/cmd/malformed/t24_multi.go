// Several kinds of errors in one file, sorted by position.
package main

import "os"

func f() int {
}

func main() {
	var x int = "s"
	y := 1
	undefinedFn()
}
