// Resolution: imports that are never used.
package main

import (
	"os"
	"runtime"
	"time"
)

func main() {
	runtime.Gosched()
}
