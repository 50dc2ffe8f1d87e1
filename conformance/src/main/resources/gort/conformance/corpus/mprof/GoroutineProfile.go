// runtime.GoroutineProfile (mprof.goc): too small a slice gets the count and ok=false; a big
// enough one gets the caller's stack first, then every live goroutine's from its saved state,
// each ended by a 0 pc (saveg), read with the world stopped.
// gort: exit=0 GOMAXPROCS=1,2
package main

import "runtime"

func recv(c chan int) {
	<-c
}

func send(c chan int) {
	c <- 1
}

func idle() {
	select {}
}

func frames(r runtime.StackRecord) string {
	s := ""
	for i := 0; i < len(r.Stack0) && r.Stack0[i] != 0; i++ {
		if i > 0 {
			s += " < "
		}
		s += runtime.FuncForPC(r.Stack0[i]).Name()
	}
	return s
}

func main() {
	c := make(chan int)
	d := make(chan int)
	go recv(c)
	go send(d)
	go idle()
	for i := 0; i < 3; i++ {
		runtime.Gosched()
	}
	small := make([]runtime.StackRecord, 1)
	n, ok := runtime.GoroutineProfile(small)
	println("small:", n, ok)
	p := make([]runtime.StackRecord, 10)
	n, ok = runtime.GoroutineProfile(p)
	println("big:", n, ok)
	for i := 0; i < n; i++ {
		println(i, frames(p[i]))
	}
}
