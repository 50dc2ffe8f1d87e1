// go and defer of a func value, a conversion, a literal that is not called and builtins.
package main

func f() int { return 1 }

func main() {
	go f
	defer int(1)
	go func() {}
	defer recover()
	go len("a")
}
