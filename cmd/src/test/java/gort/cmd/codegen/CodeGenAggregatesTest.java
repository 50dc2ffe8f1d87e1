package gort.cmd.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.BitVector;
import gort.runtime.cpu.FuncData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Structs and arrays in frames, globals and the heap, on the simulated CPU of both arches. */
class CodeGenAggregatesTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void structFieldsAndArrayElementsLoadAndStore(Arch arch) {
        String src =
                """
        package main

        type point struct {
        	x, y int
        	name string
        	small int8
        	big  int64
        }

        var origin point
        var table [4]int16

        func main() {
        	var p point
        	p.x = 3
        	p.y = p.x * 2
        	p.name = "p"
        	p.small = 127
        	p.small++
        	p.big = -1 << 40
        	println(p.x, p.y, p.name, p.small, p.big)
        	var a [5]int
        	for i := 0; i < 5; i++ {
        		a[i] = i * i
        	}
        	a[2] += 100
        	println(a[0], a[1], a[2], a[3], a[4], len(a))
        	origin.name = "origin"
        	table[3] = -7
        	j := 3
        	println(origin.name, origin.x, table[j], table[0])
        	var grid [2][3]int
        	grid[1][2] = 12
        	grid[0][1] = 1
        	println(grid[1][2] + grid[0][1], grid[1][1])
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo("3 6 p -128 -1099511627776\n0 1 104 9 16 5\norigin 0 -7 0\n13 0\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aggregatesAreCopiedByValueThroughAssignmentsCallsAndResults(Arch arch) {
        String src =
                """
        package main

        type pair struct {
        	a int
        	s string
        }

        func swap(p pair, n int) (pair, int) {
        	p.a, n = n, p.a
        	return p, n
        }

        func sum(xs [3]int) int {
        	return xs[0] + xs[1] + xs[2]
        }

        func main() {
        	p := pair{1, "one"}
        	q := p
        	q.a = 2
        	println(p.a, q.a, q.s)
        	r, n := swap(p, 10)
        	println(r.a, r.s, n, p.a)
        	xs := [3]int{1, 2, 3}
        	ys := [...]int{2: 30, 0: 10}
        	println(sum(xs), sum(ys), len(ys))
        	p, q = q, p
        	println(p.a, q.a)
        	println(pair{s: "lit", a: 5}.s, sum([3]int{4, 5, 6}))
        	arr := [2]pair{{1, "x"}, {a: 2, s: "y"}}
        	println(arr[1].s, arr[0].a+arr[1].a)
        }
        """;
        assertThat(GoMachine.output(arch, src))
                .isEqualTo("1 2 one\n10 one 1 1\n6 40 3\n2 1\nlit 15\ny 3\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pointersToStructsAndArraysAndTheirElements(Arch arch) {
        String src =
                """
        package main

        type node struct {
        	val  int
        	next *node
        }

        func push(head *node, v int) *node {
        	return &node{val: v, next: head}
        }

        func bump(p *int) {
        	*p += 1
        }

        func main() {
        	var head *node
        	for i := 1; i <= 3; i++ {
        		head = push(head, i)
        	}
        	for n := head; n != nil; n = n.next {
        		print(n.val, " ")
        	}
        	println()
        	var a [3]int
        	bump(&a[1])
        	pa := &a
        	pa[2] = 5
        	bump(&pa[2])
        	println(a[0], a[1], a[2])
        	s := new(node)
        	s.val = 9
        	bump(&s.val)
        	t := *s
        	t.val++
        	println(s.val, t.val, t.next == nil)
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        assertThat(m.runMain()).isEqualTo("3 2 1 \n0 1 6\n10 11 true\n");
        // three nodes, the array a (its address is taken), new(node); sizes as the test's
        // allocator rounds them (to 8)
        long node = 2L * arch.PtrSize;
        long array = (3L * arch.PtrSize + 7) & -8L;
        assertThat(m.allocated).containsExactly(node, node, node, array, node);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anIndexOutOfRangeCallsPanicindex(Arch arch) {
        String src =
                """
        package main

        func main() {
        	var a [3]int
        	i := 3
        	println("before")
        	a[i] = 1
        	println("after")
        }
        """;
        GoMachine m = new GoMachine(arch);
        m.extra.put(
                "runtime.panicindex",
                (c, argp) -> {
                    throw new GoMachine.GoPanic("panic: runtime error: index out of range");
                });
        m.load(src);
        org.assertj.core.api.Assertions.assertThatThrownBy(m::runMain)
                .hasMessage("panic: runtime error: index out of range");
        assertThat(m.output()).isEqualTo("before\n");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void structSlotsAreClassifiedWordByWord(Arch arch) {
        String src =
                """
        package main

        type rec struct {
        	n int
        	s string
        	p *int
        	b [2]bool
        }

        func use(r rec) {
        	println(r.n)
        }

        func main() {
        	var r rec
        	use(r)
        }
        """;
        GoMachine m = new GoMachine(arch).load(src);
        var fn = m.image.text().lookup("main.use");
        var args = m.image.text().funcdata(fn, FuncData.FUNCDATA_ArgsPointerMaps);
        assertThat(kinds(args.stackmapdata(0)))
                .containsExactly(
                        FuncData.BitsScalar,
                        FuncData.BitsPointer,
                        FuncData.BitsScalar,
                        FuncData.BitsPointer,
                        FuncData.BitsScalar);
        assertThat(m.runMain()).isEqualTo("0\n");
    }

    private static List<Integer> kinds(BitVector bv) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < bv.words(); i++) {
            l.add(bv.kind(i));
        }
        return l;
    }
}
