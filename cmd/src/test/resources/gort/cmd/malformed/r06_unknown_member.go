// Resolution: members the runtime package does not have.
package main

import "runtime"

func main() {
	runtime.Foo()
	println(runtime.NumCPUX)
}
