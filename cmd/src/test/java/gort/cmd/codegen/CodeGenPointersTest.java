package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pointers, new(T) and variables moved to the heap, on the simulated CPU of both arches. */
class CodeGenPointersTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void newAndIndirectionLoadAndStoreThroughPointers(Arch arch) {
        String src =
                """
        package main

        var gp *int64

        func set(p *int8, v int8) {
        	*p = v
        }

        func main() {
        	p := new(int8)
        	println(*p, p != nil)
        	set(p, 100)
        	*p += 27
        	*p++
        	println(*p)
        	s := new(string)
        	*s = "str"
        	println(*s, len(*s))
        	gp = new(int64)
        	*gp = -1 << 40
        	println(*gp)
        	var q *string
        	println(q == nil, q != s)
        	q = s
        	println(*q, q == s)
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        assertThat(m.runMain())
                .isEqualTo("0 true\n-128\nstr 3\n-1099511627776\ntrue true\nstr true\n");
        assertThat(m.allocated).containsExactly(8L, 2L * arch.PtrSize, 8L);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void variablesWhoseAddressIsTakenLiveInTheHeap(Arch arch) {
        String src =
                """
        package main

        var g int

        func inc(p *int) {
        	*p = *p + 1
        }

        func addr(n int) *int {
        	return &n
        }

        func main() {
        	x := 1
        	inc(&x)
        	inc(&x)
        	var s string
        	ps := &s
        	*ps = "via pointer"
        	println(x, s)
        	a := addr(5)
        	b := addr(7)
        	inc(a)
        	println(*a, *b, a != b)
        	inc(&g)
        	pg := &g
        	println(g, *pg, &*pg == &g)
        	for i := 0; i < 2; i++ {
        		y := i * 10
        		p := &y
        		*p += 1
        		println(y)
        	}
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        assertThat(m.runMain()).isEqualTo("3 via pointer\n6 7 true\n1 1 true\n1\n11\n");
        // x, s, n (twice), y (twice)
        assertThat(m.allocated).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pointerSlotsArePointersInTheStackMaps(Arch arch) {
        String src =
                """
        package main

        func f(p *int, n int) *int {
        	q := p
        	println(*q)
        	return q
        }

        func main() {
        	f(new(int), 1)
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        var fn = m.image.text().lookup("main.f");
        var args = m.image.text().funcdata(fn, FuncData.FUNCDATA_ArgsPointerMaps);
        // at the call sites: p pointer, n scalar, the result pointer; at entry the parameters only
        assertThat(kinds(args.stackmapdata(1)))
                .containsExactly(FuncData.BitsPointer, FuncData.BitsScalar, FuncData.BitsPointer);
        assertThat(kinds(args.stackmapdata(0)))
                .containsExactly(FuncData.BitsPointer, FuncData.BitsScalar, FuncData.BitsDead);
        // q's slot is a pointer in the locals map at the call sites
        var locals = m.image.text().funcdata(fn, FuncData.FUNCDATA_LocalsPointerMaps);
        assertThat(kinds(locals.stackmapdata(1))).contains(FuncData.BitsPointer);
        assertThat(m.runMain()).isEqualTo("0\n");
    }

    private static java.util.List<Integer> kinds(gort.runtime.cpu.BitVector bv) {
        java.util.List<Integer> l = new java.util.ArrayList<>();
        for (int i = 0; i < bv.words(); i++) {
            l.add(bv.kind(i));
        }
        return l;
    }
}
