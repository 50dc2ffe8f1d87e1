// The rest of gort's subset in one program: structs and pointers, methods, closures sharing variables, const/iota, switch, select, range, labels, slices, append, copy, conversions, shifts and strings.
package main

import "time"

type Point struct {
	X, Y int
}

func (p Point) Sum() int { return p.X + p.Y }

func (p *Point) Move(dx, dy int) {
	p.X += dx
	p.Y += dy
}

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const big = 1 << 40

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

var table = [...]string{"zero", "one", "two"}

var total = fib(10)

func main() {
	p := &Point{X: 1, Y: 2}
	p.Move(3, 4)
	q := Point{5, 6}
	println(p.Sum(), q.Sum(), (*p).X)
	n := new(int)
	*n = 7
	c := counter()
	c()
	println(c(), *n, total)
	q1, r1 := divmod(17, 5)
	println(q1, r1)
	var d Weekday = Tuesday
	switch d {
	case Sunday, Monday:
		println("early")
	case Tuesday:
		println("tuesday")
		fallthrough
	default:
		println("other")
	}
	switch {
	case q1 > 3:
		println("big")
	}
	s := make([]int, 0, 10)
	for i := 0; i < 5; i++ {
		s = append(s, i*i)
	}
	t := make([]int, len(s))
	copy(t, s)
	sum := 0
	for _, v := range t[1:3] {
		sum += v
	}
	for i := range table {
		println(table[i], len(table[i]))
	}
	var u8 uint8 = 255
	u8++
	var i64 int64 = big
	var up uintptr = uintptr(i64 >> 20)
	println(sum, u8, i64, up, int32(u8)<<3, ^0)
	str := "héllo, " + "world"
	for i, ru := range str {
		if ru == 'w' {
			println(i)
			break
		}
	}
	b := []byte(str)
	println(string(b[0:2]), str[1], len(str), str < "z", cap(b) >= len(b))
	ch := make(chan int, 1)
	quit := make(chan bool)
	go func() {
		for v := range ch {
			println(v)
		}
		close(quit)
	}()
outer:
	for i := 0; ; i++ {
		select {
		case ch <- i:
			if i == 3 {
				break outer
			}
		default:
			continue outer
		}
	}
	close(ch)
	v, ok := <-quit
	println(v, ok)
	var arr [4]int
	pa := &arr
	pa[1] = 2
	println(len(pa), arr[1])
	time.Sleep(10 * time.Millisecond)
}
