// GC percent and a heap dump to stdout's descriptor: debug/heapdump_test.go TestWriteHeapDumpNonempty and garbage.go's SetGCPercent.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	old := debug.SetGCPercent(50)
	debug.WriteHeapDump(1)
	debug.SetGCPercent(old)
	os.Exit(0)
}
