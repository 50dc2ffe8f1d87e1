// GOTRACEBACK=0: only the panic line, no goroutine header or frames.
// gort: exit=2 env=GOTRACEBACK=0
package main

func main() {
	go func() {
		select {}
	}()
	panic("quiet")
}
