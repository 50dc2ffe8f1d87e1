// Defers and recover across stack growth: a panic 2000 frames below its recover, 3000 frames that each defer (issue 3).
// gort: exit=0 GOARCH=amd64,arm
package main

func deep(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		panic("bottom")
	}
	return deep(n-1) + pad[n%64]
}

func try() (r string) {
	defer func() {
		if x := recover(); x != nil {
			r = x.(string)
		}
	}()
	deep(2000)
	return "none"
}

func deferDeep(n int) int {
	defer func() {}()
	var pad [32]int
	pad[0] = n
	if n == 0 {
		return 0
	}
	return deferDeep(n-1) + 1 + pad[0] - n
}

func main() {
	println(try())
	println(deferDeep(3000))
	println(try())
}
