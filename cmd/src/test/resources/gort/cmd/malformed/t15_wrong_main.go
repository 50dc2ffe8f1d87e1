// Types: func main with parameters and results.
package main

func main(x int) int {
	return x
}
