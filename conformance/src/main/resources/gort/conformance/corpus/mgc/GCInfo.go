// runtime.GCMask (export_test.go, mgc0.c getgcmask) of package variables: the kinds the bss GC
// program gives each word of ScalarPtr, PtrScalar, BigStruct, string, slice and eface values,
// after runtime/gcinfo_test.go's TestGCInfo (its bss and data cases; gort's initialized package
// variables live in the bss too).
// gort: exit=0
package main

import "runtime"

type ScalarPtr struct {
	q int
	w *int
	e int
	r *int
	t int
	y *int
}

type PtrScalar struct {
	q *int
	w int
	e *int
	r int
	t *int
	y int
}

type BigStruct struct {
	q *int
	w byte
	e [17]byte
	r []byte
	t int
	y uint16
	u uint64
	i string
}

var (
	bssScalarPtr ScalarPtr
	bssPtrScalar PtrScalar
	bssBigStruct BigStruct
	bssString    string
	bssSlice     []string
	bssEface     interface{}

	dataScalarPtr             = ScalarPtr{q: 1}
	dataPtrScalar             = PtrScalar{w: 1}
	dataBigStruct             = BigStruct{w: 1}
	dataString                = "foo"
	dataSlice                 = []string{"foo"}
	dataEface     interface{} = 42
)

func show(name string, m []byte) {
	print(name, ":")
	for i := 0; i < len(m); i++ {
		print(" ", m[i])
	}
	println()
}

func main() {
	show("bss ScalarPtr", runtime.GCMask(&bssScalarPtr))
	show("bss PtrScalar", runtime.GCMask(&bssPtrScalar))
	show("bss BigStruct", runtime.GCMask(&bssBigStruct))
	show("bss string", runtime.GCMask(&bssString))
	show("bss slice", runtime.GCMask(&bssSlice))
	show("bss eface", runtime.GCMask(&bssEface))
	show("data ScalarPtr", runtime.GCMask(&dataScalarPtr))
	show("data PtrScalar", runtime.GCMask(&dataPtrScalar))
	show("data BigStruct", runtime.GCMask(&dataBigStruct))
	show("data string", runtime.GCMask(&dataString))
	show("data slice", runtime.GCMask(&dataSlice))
	show("data eface", runtime.GCMask(&dataEface))
}
