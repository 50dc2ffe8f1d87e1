// Defer order: last in, first out, arguments evaluated at the defer, results changed by deferred closures (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func trace(s string) string {
	println("enter", s)
	return s
}

func un(s string) { println("leave", s) }

func a() {
	defer un(trace("a"))
	println("in a")
}

func b() {
	defer un(trace("b"))
	println("in b")
	a()
}

func triple() (n int) {
	defer func() { n *= 3 }()
	for i := 0; i < 3; i++ {
		defer func(i int) { println("deferred", i) }(i)
	}
	return 5
}

func main() {
	b()
	println(triple())
}
