// Syntax: a case clause outside a switch.
package main

func main() {
	x := 1
	case x:
}
