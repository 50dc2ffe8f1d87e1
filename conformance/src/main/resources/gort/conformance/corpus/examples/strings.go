// Strings: concatenation, indexing, slicing, comparison, conversions and ranging over runes (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func main() {
	s := "hello"
	t := s + ", " + "world"
	println(t, len(t), t[0], t[7:])
	println(reverse(t))
	println(s < t, s == t[:5], "abc" > "abd")
	w := ""
	for i := 0; i < 5; i++ {
		w += string(rune('a' + i))
	}
	println(w)
	n := 0
	for i, r := range "héllo, 世界" {
		print(i, ":", r, " ")
		n++
	}
	println()
	println(n, len([]rune("héllo, 世界")))
}
