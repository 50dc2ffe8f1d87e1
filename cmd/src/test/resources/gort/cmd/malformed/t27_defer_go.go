// go and defer of things that are not calls.
package main

func main() {
	defer 1
	go println
}
