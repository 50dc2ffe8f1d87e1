// runtime.ReadMemStats (mgc0.c, the world stopped): 1000 pointer-holding objects of 32 bytes
// show up in Mallocs and HeapObjects, HeapAlloc grows, the Sys totals cover the heap, and
// BySize carries the commit's class sizes (class 60 is 17664 bytes).
// gort: exit=0
package main

import "runtime"

var sink []*[4]*int

func main() {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	for i := 0; i < 1000; i++ {
		sink = append(sink, new([4]*int))
	}
	runtime.ReadMemStats(&b)
	println(b.Mallocs-a.Mallocs >= 1000, b.HeapAlloc > a.HeapAlloc, b.HeapObjects-a.HeapObjects >= 1000)
	println(b.HeapSys >= b.HeapInuse, b.Sys >= b.HeapSys, b.NumGC, b.Frees)
	println(b.BySize[1].Size, b.BySize[2].Size, b.BySize[60].Size, b.BySize[2].Mallocs > 0)
}
