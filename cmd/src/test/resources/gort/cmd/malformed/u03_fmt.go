// Unsupported: importing a package outside the subset.
package main

import "fmt"

func main() {
	fmt.Println("hi")
}
