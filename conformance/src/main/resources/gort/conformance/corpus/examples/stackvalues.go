// Strings, slices, interface values and closures kept in frames while stacks grow and move (issue 3 with issue 5's copying).
// gort: exit=0 GOARCH=amd64,arm GOMAXPROCS=1,2
package main

type T struct {
	s  string
	xs []int
	e  interface{}
	f  func() int
}

func rec(n int, t T) int {
	var arr [8]int
	arr[n%8] = n
	sl := arr[:]
	e := interface{}(n)
	s := "x" + string(rune('a'+n%26))
	f := func() int { return len(sl) + arr[n%8] }
	if n == 0 {
		return f() + len(t.s) + len(t.xs) + t.e.(int) + t.f()
	}
	t2 := T{s, append(t.xs, n), e, f}
	r := rec(n-1, t2)
	if e.(int) != n || s[1] != byte('a'+n%26) || sl[n%8] != n {
		panic("corrupt")
	}
	return r
}

func main() {
	println(rec(3000, T{"", nil, 0, func() int { return 1 }}))
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func(k int) { done <- rec(500+k, T{"", nil, k, func() int { return k }}) }(i)
	}
	s := 0
	for i := 0; i < 4; i++ {
		s += <-done
	}
	println(s)
}
