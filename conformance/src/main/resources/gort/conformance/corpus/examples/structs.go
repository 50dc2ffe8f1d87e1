// Structs and pointers: nested structs, pointer receivers, a linked list, struct comparison (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Name     string
}

type node struct {
	v    int
	next *node
}

func (r Rect) Area() int { return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y) }

func (r *Rect) Move(dx, dy int) {
	r.Min.X += dx
	r.Max.X += dx
	r.Min.Y += dy
	r.Max.Y += dy
}

func push(l *node, v int) *node { return &node{v, l} }

func main() {
	r := Rect{Point{0, 0}, Point{3, 4}, "r"}
	println(r.Name, r.Area())
	r.Move(1, 1)
	println(r.Min.X, r.Min.Y, r.Max.X, r.Max.Y, r.Area())
	p := &r.Max
	p.X = 10
	println(r.Max.X, r.Area())
	var l *node
	for i := 1; i <= 5; i++ {
		l = push(l, i)
	}
	for n := l; n != nil; n = n.next {
		print(n.v, " ")
	}
	println()
	q := new(Point)
	*q = Point{1, 2}
	println(*q == Point{1, 2}, *q != Point{2, 1})
}
