package gort.cmd.codegen;

import static gort.runtime.cpu.FuncBuilder.FP;
import static gort.runtime.cpu.Isa.R0;
import static gort.runtime.cpu.Isa.SP;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Node;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Stmt;
import gort.cmd.types.Checker;
import gort.cmd.types.Obj;
import gort.cmd.types.Type;
import gort.runtime.cpu.FuncBuilder;
import gort.runtime.cpu.FuncData;
import gort.runtime.cpu.Isa;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates one declared function (or the package initializer main.init). Every variable has a
 * stack slot: parameters and results in the incoming argument area ({@code [FP+off]}), locals and
 * temporaries in the frame above the outgoing-argument area; package variables live in the bss, and
 * a variable whose address is taken lives in the heap, its slot holding the pointer. Structs and
 * arrays are never in registers: they are copied between places. Expressions are evaluated into
 * registers R0..R5 (a string takes two consecutive registers, pointer then length); R6 and R7 are
 * scratch for one instruction pair. No register is live across a call: a value that must survive
 * the evaluation of an operand containing a call is spilled to a temporary slot first.
 *
 * <p>Stack maps: vector 0 is the entry map (used by the prologue's morestack, whose pcdata is -1):
 * the parameters live, results and locals dead. Every call site (CALL and RTCALL) has its own
 * vector, with the parameters, the results (zeroed at entry, as 6g/5g zero them) and every variable
 * and temporary slot classified by its Go type. Slots of types with pointers are zeroed at entry,
 * so they hold a valid value at every call site.
 */
final class FuncGen extends StmtGen {
    /**
     * A declared function or method ({@code decl}, owner of its variables) or a function literal
     * ({@code lit}: its captured variables reach it through CTXT, in its FuncVal).
     */
    FuncGen(
            Env env,
            String name,
            Node owner,
            Type.Signature sig,
            Stmt.Block body,
            Pos pos,
            List<Obj.Var> captures) {
        super(env, name, owner, sig, body, pos, captures);
    }

    /** The package initializer {@code main.init}: no arguments, no declaration. */
    private FuncGen(Env env, Pos pos) {
        super(env, pos);
    }

    /**
     * Generates {@code main.init} as 6g does: the package variables' initializers in dependency
     * order ({@code varInits}), then the init functions ({@code inits}) in source order.
     */
    static FuncBuilder packageInit(
            Env env, Pos pos, List<Checker.VarInit> varInits, List<String> inits) {
        return twoPass(
                new FuncGen(env, pos),
                () -> new FuncGen(env, pos),
                g -> g.packageInitOnce(pos, varInits, inits));
    }

    FuncBuilder packageInitOnce(Pos pos, List<Checker.VarInit> varInits, List<String> inits) {
        FuncGen g = this;
        List<Node> roots = new ArrayList<>();
        for (Checker.VarInit vi : varInits) {
            roots.add(vi.init());
        }
        return g.emit(
                roots,
                () -> {
                    for (Checker.VarInit vi : varInits) {
                        g.line(vi.init());
                        int mark = g.tempMark();
                        List<Expr> lhs = new ArrayList<>();
                        for (Obj.Var v : vi.lhs()) {
                            Expr.Name n = new Expr.Name(v.pos, v.name);
                            n.obj = v;
                            lhs.add(n);
                        }
                        g.assignLists(lhs, List.of(vi.init()), vi.init().pos);
                        g.release(mark);
                    }
                    for (String init : inits) {
                        g.f.pcdata(FuncData.PCDATA_StackMapIndex, g.site())
                                .call(init)
                                .pcdata(FuncData.PCDATA_StackMapIndex, -1);
                    }
                    g.line(pos);
                });
    }

    // ---- types ----

    FuncBuilder generate() {
        if (body == null) {
            throw new CannotCompile(funcPos, "functions without a body");
        }
        return twoPass(
                this,
                () -> new FuncGen(env, name, owner, sig, body, funcPos, captures),
                FuncGen::generateOnce);
    }

    /**
     * Generates with {@code first}; when its frame has pointer words to clear, generates again with
     * a fresh generator from {@code again} that clears them at entry, since only a whole pass knows
     * the frame's slots. The passes differ only in the clearing code, which allocates no slot, so
     * the frames agree (checked).
     */
    static FuncBuilder twoPass(
            FuncGen first,
            java.util.function.Supplier<FuncGen> again,
            java.util.function.Function<FuncGen, FuncBuilder> gen) {
        FuncBuilder fb = gen.apply(first);
        if (first.frameKinds == null) {
            return fb;
        }
        FuncGen g = again.get();
        g.clearKinds = first.frameKinds;
        FuncBuilder out = gen.apply(g);
        if (!Arrays.equals(g.frameKinds, first.frameKinds)) {
            throw new IllegalStateException(first.name + ": the frame changed between passes");
        }
        return out;
    }

    FuncBuilder generateOnce() {
        return emit(
                List.of(body),
                () -> {
                    // a closure's captured variables: the pointers in its FuncVal (CTXT) go to
                    // frame slots
                    // before anything else can clobber CTXT
                    for (int i = 0; i < captures.size(); i++) {
                        f.load(R0, Isa.CTXT, (i + 1) * w, ptrWidth())
                                .store(SP, f.local(heapSlot(captures.get(i))), R0, ptrWidth());
                    }
                    List<Obj.Var> ps = paramVars();
                    for (int i = 0; i < ps.size(); i++) {
                        Obj.Var p = ps.get(i);
                        if (isHeap(p)) {
                            // a parameter whose address is taken (or that a closure captures) is
                            // copied to the
                            // heap at entry
                            allocHeap(p, funcPos);
                            copyVal(
                                    addrOf(p, funcPos),
                                    new Addr(FP, args.params()[i]),
                                    args.paramTypes().get(i),
                                    funcPos);
                        }
                    }
                    for (int i = 0; i < sig.results.size(); i++) {
                        zero(new Addr(FP, args.results()[i]), args.resultTypes().get(i), funcPos);
                        Obj.Var rv = sig.results.vars.get(i);
                        if (isHeap(rv)) {
                            allocHeap(rv, funcPos);
                        }
                    }
                    stmts(body.list);
                    line(body.rbrace.known() ? body.rbrace : funcPos);
                    epilogue();
                    if (deferRet != null) {
                        f.bind(deferRet);
                        epilogue();
                    }
                });
    }

    @Override
    public String toString() {
        return "FuncGen(" + name + " " + file + " " + Arrays.toString(args.params()) + ")";
    }
}
