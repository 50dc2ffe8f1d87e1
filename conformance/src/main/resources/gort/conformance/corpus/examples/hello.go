// Hello, world through the print builtins (issue 3's first program).
// gort: exit=0 GOARCH=amd64,arm
package main

func main() {
	println("hello, world")
	print("no newline", 1, true, "\n")
}
