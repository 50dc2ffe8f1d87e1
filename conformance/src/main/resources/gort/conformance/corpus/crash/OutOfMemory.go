// A slice larger than the 32-bit arena (MaxArena32) is a fatal out-of-memory error: MHeap_Grow
// prints what it could not get, largeAlloc_m throws (malloc.c, mheap.c; Go's TestBigAlloc case).
// gort: exit=2 GOARCH=arm
package main

func main() {
	b := make([]byte, 2147483647)
	println(len(b))
}
