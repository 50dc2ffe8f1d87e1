// Returns: a bare return with a shadowed named result.
package main

func f() (x int) {
	{
		x := 2
		return
	}
}

func main() {
	f()
}
