// Slices: make, append, slicing arrays and slices, copy, range, sharing of the backing array (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func main() {
	s := make([]int, 0, 4)
	for i := 1; i <= 10; i++ {
		s = append(s, i)
	}
	println(len(s), sum(s), sum(s[2:5]), sum(s[:3]), sum(s[7:]))
	a := [5]int{5, 4, 3, 2, 1}
	t := a[1:3]
	t[0] = 40
	println(a[1], len(t), cap(t))
	t = append(t, 30)
	println(a[3])
	c := make([]int, 3)
	n := copy(c, s[4:])
	println(n, c[0], c[1], c[2])
	m := [][]string{{"a"}, {"b", "c"}}
	m[1] = append(m[1], "d")
	for i, row := range m {
		println(i, len(row), row[len(row)-1])
	}
	var z []byte
	println(z == nil, len(z))
	z = append(z, "bytes"...)
	println(string(z[1:4]))
}
