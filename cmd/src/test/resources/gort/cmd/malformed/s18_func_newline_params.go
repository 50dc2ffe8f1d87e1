// Syntax: named and unnamed parameters mixed.
package main

func f(a int, b) {
}

func main() {
}
