// Link: a package main without func main (the linker's message).
package main

func f() {}
