package gort.runtime.cpu;

import static gort.runtime.cpu.FuncData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gort.runtime.GoThrow;
import gort.runtime.Stack;
import gort.runtime.arch.Arch;
import gort.runtime.mem.Layout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** findfunc, funcspdelta, funcline, pcdatavalue and funcdata over every pc of a function. */
class SymTabTest {

    private static Text text(Arch arch) {
        Rig rig = new Rig(arch);
        FuncBuilder leaf =
                new FuncBuilder(arch, "main.leaf")
                        .args(arch.PtrSize)
                        .pos("leaf.go", 2)
                        .movi(Isa.R0, 1)
                        .store(FuncBuilder.FP, 0, Isa.R0, rig.INT)
                        .ret();
        return rig.linker().add(Rig.fib(arch, "main.fib")).add(leaf).link();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void textStartsAtInitTextAndFindfuncCoversEveryPcOfEachFunction(Arch arch) {
        Text t = text(arch);
        assertThat(t.textStart).isEqualTo(Layout.of(arch).initText);
        for (Func f : t.funcs()) {
            for (long pc = f.entry; pc < f.end; pc++) {
                assertThat(t.findfunc(pc)).as("pc 0x%x", pc).isSameAs(f);
            }
        }
        assertThat(t.findfunc(t.textStart - 1)).isNull();
        assertThat(t.findfunc(t.textEnd)).isNull();
        assertThat(t.funcname(t.findfunc(t.lookup("main.fib").entry + 8))).isEqualTo("main.fib");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyPcMapsToALineAndTheSpDeltaFollowsThePrologue(Arch arch) {
        Text t = text(arch);
        Func f = t.lookup("main.fib");
        int w = arch.PtrSize;
        int frame = arch.hasLinkRegister ? 3 * w + 4 : 3 * w;
        assertThat(f.locals).isEqualTo(3 * w);
        assertThat(f.frame).isEqualTo(3 * w + w); // ld/pcln.c: locals + PtrSize
        assertThat(f.args).isEqualTo(2 * w);
        assertThat(f.nosplit).isFalse();
        assertThat(t.opAt(f.entry)).isEqualTo(Isa.STACKCHECK);
        assertThat(t.opAt(f.entry + 4)).isEqualTo(Isa.ENTER);
        for (long pc = f.entry; pc < f.end; pc++) {
            int line = t.funcline(f, pc);
            assertThat(line).as("line at +%d", pc - f.entry).isBetween(10, 15);
            assertThat(t.funcfile(f, pc)).isEqualTo("fib.go");
            int want = pc < f.entry + 8 ? 0 : frame;
            assertThat(t.funcspdelta(f, pc)).as("spdelta at +%d", pc - f.entry).isEqualTo(want);
        }
        // the prologue has the function's first line; the RETs have theirs
        assertThat(t.funcline(f, f.entry)).isEqualTo(10);
        assertThatThrownBy(() -> t.funcspdelta(f, f.end))
                .isInstanceOf(GoThrow.class)
                .hasMessage("invalid runtime symbol table");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stackMapIndexIsSetAtEachCallSiteAndArgSizeIsUnset(Arch arch) {
        Text t = text(arch);
        Func f = t.lookup("main.fib");
        int calls = 0;
        for (long pc = f.entry; pc < f.end; pc += 4) {
            int idx = t.pcdatavalue(f, PCDATA_StackMapIndex, pc);
            if (t.opAt(pc) == Isa.CALL) {
                assertThat(idx).isEqualTo(calls++);
                // what scanframe asks for a frame stopped at the return pc
                assertThat(t.pcdatavalue(f, PCDATA_StackMapIndex, pc + 4 - 1)).isEqualTo(idx);
            } else {
                assertThat(idx).isEqualTo(-1);
            }
            assertThat(t.pcdatavalue(f, PCDATA_ArgSize, pc)).isEqualTo(-1);
        }
        assertThat(calls).isEqualTo(2);
        assertThat(t.pcdatavalue(f, 7, f.entry)).isEqualTo(-1);
        assertThat(t.funcdata(f, FUNCDATA_ArgsPointerMaps).n).isEqualTo(1);
        assertThat(t.funcdata(f, FUNCDATA_LocalsPointerMaps).n).isEqualTo(2);
        assertThat(t.funcdata(f, FUNCDATA_DeadValueMaps)).isNull();
        assertThat(t.funcdata(t.lookup("main.leaf"), FUNCDATA_ArgsPointerMaps)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void leafFunctionsGetTheLinkersNosplitAndLeafTreatment(Arch arch) {
        Text t = text(arch);
        Func leaf = t.lookup("main.leaf");
        assertThat(leaf.nosplit).isTrue(); // obj6.c: small frame, no calls; obj5.c: frameless leaf
        assertThat(leaf.leaf).isEqualTo(arch.hasLinkRegister);
        assertThat(leaf.frame).isEqualTo(arch.hasLinkRegister ? 0 : arch.PtrSize);
        assertThat(t.opAt(leaf.entry)).isEqualTo(Isa.MOVI);
        for (long pc = leaf.entry; pc < leaf.end; pc++) {
            assertThat(t.funcspdelta(leaf, pc)).isZero();
            assertThat(t.funcline(leaf, pc)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aBigLeafFrameStillChecksTheStack(Arch arch) {
        FuncBuilder big =
                new FuncBuilder(arch, "main.big").locals(Stack.StackSmall * 2).pos("b.go", 1).ret();
        Text t = new Linker(arch).add(big).link();
        Func f = t.lookup("main.big");
        assertThat(f.nosplit).isFalse();
        assertThat(t.opAt(f.entry)).isEqualTo(Isa.STACKCHECK);
        assertThat(t.funcarglen(f, f.entry)).isZero();
    }
}
