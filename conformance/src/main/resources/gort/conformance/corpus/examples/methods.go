// Methods with value and pointer receivers on structs and named integers, with automatic & and * (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

type Celsius int

func (c Celsius) Fahrenheit() int { return int(c)*9/5 + 32 }

type Stack struct {
	items []int
}

func (s *Stack) Push(v int) { s.items = append(s.items, v) }

func (s *Stack) Pop() int {
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v
}

func (s Stack) Len() int { return len(s.items) }

func main() {
	println(Celsius(100).Fahrenheit(), Celsius(-40).Fahrenheit())
	var s Stack
	for i := 0; i < 5; i++ {
		s.Push(i * i)
	}
	p := &s
	println(p.Len(), s.Pop(), p.Pop(), s.Len())
}
