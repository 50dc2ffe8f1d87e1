// Resolution: main and init declared as non-functions.
package main

var main = 1

const init = 2

func main() {
}
