// Unsupported: maps.
package main

func main() {
	m := make(map[string]int)
	println(len(m))
}
