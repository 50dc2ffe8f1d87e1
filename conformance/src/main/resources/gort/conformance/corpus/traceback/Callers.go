// runtime.Caller, Callers, FuncForPC and Stack (runtime1.goc, symtab.go, mprof.go): what a
// program reads of its own stack, shaped like debug/stack_test.go's TestStack (a value method
// calling a pointer method), and Stack(buf, true) with another goroutine parked.
// gort: exit=0
package main

import "runtime"

type T int

func (t *T) ptrmethod(skip int) (string, int) {
	pc, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "?", 0
	}
	return runtime.FuncForPC(pc).Name() + " " + file, line
}

func (t T) method(skip int) (string, int) {
	return t.ptrmethod(skip)
}

func where(skip int) {
	var t T
	name, line := t.method(skip)
	println(skip, name, line)
}

func trace() {
	pcs := make([]uintptr, 16)
	n := runtime.Callers(0, pcs)
	for i := 0; i < n; i++ {
		f := runtime.FuncForPC(pcs[i])
		file, line := f.FileLine(pcs[i] - 1)
		println(i, f.Name(), file, line, f.Entry() <= pcs[i])
	}
	println("short buffer:", runtime.Callers(2, pcs[:1]), "empty:", runtime.Callers(0, pcs[:0]))
}

func stack(all bool) {
	buf := make([]byte, 2048)
	n := runtime.Stack(buf, all)
	println(string(buf[:n]))
	small := make([]byte, 10)
	println(runtime.Stack(small, false), string(small))
}

func main() {
	for skip := 0; skip < 5; skip++ {
		where(skip)
	}
	trace()
	println(runtime.FuncForPC(0) == nil)
	stack(false)
	go func() {
		select {}
	}()
	runtime.Gosched()
	stack(true)
}
