// Unsupported: type switches.
package main

func main() {
	var x interface{} = 1
	switch x.(type) {
	}
}
