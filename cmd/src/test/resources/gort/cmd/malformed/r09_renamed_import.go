// Resolution: unused imports, one renamed.
package main

import (
	rt "runtime"
	"runtime/debug"
)

func main() {
}
