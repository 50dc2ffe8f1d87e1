package gort.mprof.pprof;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.Isa;
import gort.runtime.cpu.Linker;
import gort.runtime.cpu.Text;

/** A small text for the profile writers: main.f over lines 3..5 of f.go, and two runtime funcs. */
final class SymbolsRig {
    private SymbolsRig() {}

    static Text text(Arch arch) {
        FuncBuilder f =
                new FuncBuilder(arch, "main.f")
                        .pos("/src/f.go", 3)
                        .movi(Isa.R0, 1)
                        .line(4)
                        .movi(Isa.R0, 2)
                        .line(5)
                        .movi(Isa.R0, 3)
                        .ret();
        FuncBuilder rmain =
                new FuncBuilder(arch, "runtime.main").pos("proc.c", 250).movi(Isa.R0, 1).ret();
        FuncBuilder goexit =
                new FuncBuilder(arch, "runtime.goexit").pos("proc.c", 1633).movi(Isa.R0, 1).ret();
        return new Linker(arch).add(f).add(rmain).add(goexit).link();
    }
}
