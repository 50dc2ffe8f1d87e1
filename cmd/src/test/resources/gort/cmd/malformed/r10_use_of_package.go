// Resolution: a package name used as a value.
package main

import "runtime"

func main() {
	x := runtime
	println(x)
}
