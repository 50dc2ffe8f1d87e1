package gort.conformance.programs;

import static org.assertj.core.api.Assertions.assertThat;

import gort.runtime.arch.Arch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * runtime/gcinfo_test.go's TestGCInfo (0a7c7ac80) on gort: runtime.GCMask of package variables and
 * heap objects of its types, compared with the masks the Go test expects per GOARCH. What gort
 * cannot say as Go does: a non-empty interface (gort has none, so no {@code iface} cases), and a
 * pointer to the stack (gort has no escape analysis: {@code new(T)} and {@code &x} are heap
 * objects, so the Go test's stack cases are heap cases here).
 */
class GcInfoTest {
    static final int BitsDead = 0;
    static final int BitsScalar = 1;
    static final int BitsPointer = 2;
    static final int BitsMultiWord = 3;
    static final int BitsEface = 3;

    static final String TYPES =
            """
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

            func show(name string, m []byte) {
            	print(name, ":")
            	for i := 0; i < len(m); i++ {
            		print(" ", m[i])
            	}
            	println()
            }
            """;

    static final String GLOBALS =
            TYPES
                    + """

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
                    """;

    static final String HEAP =
            TYPES
                    + """

                    var gcinfoSink interface{}

                    func escape(p interface{}) interface{} {
                    	gcinfoSink = p
                    	return p
                    }

                    func main() {
                    	for i := 0; i < 10; i++ {
                    		show("heap ScalarPtr", runtime.GCMask(escape(new(ScalarPtr))))
                    		show("heap PtrScalar", runtime.GCMask(escape(new(PtrScalar))))
                    		show("heap BigStruct", runtime.GCMask(escape(new(BigStruct))))
                    		show("heap string", runtime.GCMask(escape(new(string))))
                    		show("heap eface", runtime.GCMask(escape(new(interface{}))))
                    	}
                    	show("stack ScalarPtr", runtime.GCMask(new(ScalarPtr)))
                    	show("stack string", runtime.GCMask(new(string)))
                    	show("stack slice", runtime.GCMask(new([]string)))
                    }
                    """;

    static final int[] infoScalarPtr = {
        BitsScalar, BitsPointer, BitsScalar, BitsPointer, BitsScalar, BitsPointer
    };
    static final int[] infoPtrScalar = {
        BitsPointer, BitsScalar, BitsPointer, BitsScalar, BitsPointer, BitsScalar
    };
    static final int[] infoString = {BitsPointer, BitsDead};
    static final int[] infoSlice = {BitsPointer, BitsDead, BitsDead};
    static final int[] infoEface = {BitsMultiWord, BitsEface};

    /** gcinfo_test.go's infoBigStruct for the two GOARCHes gort has. */
    static int[] infoBigStruct(Arch arch) {
        return switch (arch) {
            case arm ->
                    new int[] {
                        BitsPointer, // q *int
                        BitsScalar,
                        BitsScalar,
                        BitsScalar,
                        BitsScalar,
                        BitsScalar, // w byte; e [17]byte
                        BitsPointer,
                        BitsDead,
                        BitsDead, // r []byte
                        BitsScalar,
                        BitsScalar,
                        BitsScalar,
                        BitsScalar, // t int; y uint16; u uint64
                        BitsPointer,
                        BitsDead, // i string
                    };
            case amd64 ->
                    new int[] {
                        BitsPointer, // q *int
                        BitsScalar,
                        BitsScalar,
                        BitsScalar, // w byte; e [17]byte
                        BitsPointer,
                        BitsDead,
                        BitsDead, // r []byte
                        BitsScalar,
                        BitsScalar,
                        BitsScalar, // t int; y uint16; u uint64
                        BitsPointer,
                        BitsDead, // i string
                    };
        };
    }

    /** gcinfo_test.go's nonStackInfo: BitsDead reads as BitsScalar except after BitsMultiWord. */
    static int[] nonStackInfo(int[] mask) {
        int[] mask1 = new int[mask.length];
        boolean mw = false;
        for (int i = 0; i < mask.length; i++) {
            int v = mask[i];
            if (!mw && v == BitsDead) {
                v = BitsScalar;
            }
            mw = !mw && v == BitsMultiWord;
            mask1[i] = v;
        }
        return mask1;
    }

    /** The masks a run printed, by name (a repeated name must print the same each time). */
    static Map<String, int[]> masks(Arch arch, String src) {
        Go.Run r = Go.run(arch, src);
        assertThat(r.exit()).as(r.stderr()).isZero();
        Map<String, int[]> m = new LinkedHashMap<>();
        for (String line : r.stderr().split("\n")) {
            int colon = line.indexOf(':');
            String rest = line.substring(colon + 1).trim();
            int[] bits =
                    rest.isEmpty()
                            ? new int[0]
                            : java.util.Arrays.stream(rest.split(" "))
                                    .mapToInt(Integer::parseInt)
                                    .toArray();
            int[] before = m.put(line.substring(0, colon), bits);
            if (before != null) {
                assertThat(bits).as(line).isEqualTo(before);
            }
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void bssAndDataVariablesGetTheirTypesMasksAsTheGoTestExpects(Arch arch) {
        Map<String, int[]> m = masks(arch, GLOBALS);
        for (String sec : new String[] {"bss", "data"}) {
            assertThat(m.get(sec + " ScalarPtr")).isEqualTo(nonStackInfo(infoScalarPtr));
            assertThat(m.get(sec + " PtrScalar")).isEqualTo(nonStackInfo(infoPtrScalar));
            assertThat(m.get(sec + " BigStruct")).isEqualTo(nonStackInfo(infoBigStruct(arch)));
            assertThat(m.get(sec + " string")).isEqualTo(nonStackInfo(infoString));
            assertThat(m.get(sec + " slice")).isEqualTo(nonStackInfo(infoSlice));
            assertThat(m.get(sec + " eface")).isEqualTo(nonStackInfo(infoEface));
        }
    }

    static final String PROGRAMS =
            TYPES
                    + """

                    var (
                    	bssPtrs    [100]*int
                    	bssScalars struct {
                    		p *int
                    		b [64]int
                    	}
                    	bssPairs [40]struct {
                    		p *int
                    		n int
                    	}
                    )

                    func main() {
                    	show("bss ptrs", runtime.GCMask(&bssPtrs))
                    	show("bss scalars", runtime.GCMask(&bssScalars))
                    	show("bss pairs", runtime.GCMask(&bssPairs))
                    	show("heap ptrs", runtime.GCMask(new([100]*int)))
                    	show("heap pairs", runtime.GCMask(new([40]struct {
                    		p *int
                    		n int
                    	})))
                    	show("heap big ptrs", runtime.GCMask(new([300]*int)))
                    }
                    """;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void variablesOfTypesWithGcProgramsGetTheUnrolledProgramsKinds(Arch arch) {
        Map<String, int[]> m = masks(arch, PROGRAMS);
        int[] ptrs = new int[100];
        java.util.Arrays.fill(ptrs, BitsPointer);
        int[] scalars = new int[65];
        java.util.Arrays.fill(scalars, BitsScalar);
        scalars[0] = BitsPointer;
        int[] pairs = new int[80];
        for (int i = 0; i < 80; i++) {
            pairs[i] = i % 2 == 0 ? BitsPointer : BitsScalar;
        }
        assertThat(m.get("bss ptrs")).isEqualTo(ptrs);
        assertThat(m.get("bss scalars")).isEqualTo(scalars);
        assertThat(m.get("bss pairs")).isEqualTo(pairs);
        // heap objects: unrolled once into the type's gc[0] (unrollgcprog_m), or for a mask
        // past maxGCMask straight into the heap bitmap (unrollgcproginplace_m)
        verifyGCInfo("heap ptrs", m, ptrs);
        verifyGCInfo("heap pairs", m, pairs);
        int[] bigPtrs = new int[300];
        java.util.Arrays.fill(bigPtrs, BitsPointer);
        verifyGCInfo("heap big ptrs", m, bigPtrs);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void heapObjectsGetTheirTypesMasksFromTheHeapBitmap(Arch arch) {
        Map<String, int[]> m = masks(arch, HEAP);
        verifyGCInfo("heap ScalarPtr", m, nonStackInfo(infoScalarPtr));
        verifyGCInfo("heap PtrScalar", m, nonStackInfo(infoPtrScalar));
        verifyGCInfo("heap BigStruct", m, nonStackInfo(infoBigStruct(arch)));
        verifyGCInfo("heap string", m, nonStackInfo(infoString));
        verifyGCInfo("heap eface", m, nonStackInfo(infoEface));
        // the Go test's stack cases: heap objects in gort
        verifyGCInfo("stack ScalarPtr", m, nonStackInfo(infoScalarPtr));
        verifyGCInfo("stack string", m, nonStackInfo(infoString));
        verifyGCInfo("stack slice", m, nonStackInfo(infoSlice));
    }

    /**
     * gcinfo_test.go's verifyGCInfo: a heap object's mask may run past its type into the rest of
     * its size class, so only the type's words and the dead word after them are compared.
     */
    private static void verifyGCInfo(String name, Map<String, int[]> m, int[] mask0) {
        int[] mask = m.get(name);
        assertThat(mask).as(name).isNotNull();
        if (mask.length > mask0.length) {
            mask0 = java.util.Arrays.copyOf(mask0, mask0.length + 1); // + BitsDead
            mask = java.util.Arrays.copyOf(mask, mask0.length);
        }
        assertThat(mask).as(name).isEqualTo(mask0);
    }
}
