// Comma-ok forms with the wrong number of variables.
package main

func main() {
	c := make(chan int)
	var r interface{} = 1
	a, b, d := <-c
	n, ok := r.(int)
	m, ok2 := 1, true, 3
	println(a, b, d, n, ok, m, ok2)
}
