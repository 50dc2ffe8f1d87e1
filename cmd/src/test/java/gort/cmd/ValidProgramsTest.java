package gort.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Inspector;
import gort.cmd.types.Obj;
import gort.cmd.types.TypedPackage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Programs of Go's 2014 runtime tests (resources gort/cmd/valid) type-check without diagnostics,
 * and the typed tree says what a code generator needs.
 */
class ValidProgramsTest {

    static TypedPackage check(String name) throws IOException, URISyntaxException {
        Path p = Path.of(ValidProgramsTest.class.getResource("/gort/cmd/valid/" + name).toURI());
        Compiler.Result r = new Compiler().check("./" + name, name, Files.readString(p));
        assertThat(r.text()).isEmpty();
        return r.pkg();
    }

    @TestFactory
    Stream<DynamicTest> compileWithoutDiagnostics() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/gort/cmd/valid").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".go")).sorted().toList().stream()
                    .map(
                            p ->
                                    DynamicTest.dynamicTest(
                                            p.getFileName().toString(),
                                            () -> {
                                                TypedPackage pkg =
                                                        check(p.getFileName().toString());
                                                assertThat(pkg).isNotNull();
                                                assertThat(pkg.main()).isNotNull();
                                                // every value expression has a type; every
                                                // identifier an object with a type
                                                for (Expr e :
                                                        exprs(
                                                                pkg,
                                                                x ->
                                                                        !(x instanceof Expr.Name
                                                                                || x
                                                                                        instanceof
                                                                                        Expr
                                                                                                .KeyValue
                                                                                || x
                                                                                        instanceof
                                                                                        Expr
                                                                                                .ListExpr))) {
                                                    assertThat(e.type)
                                                            .as("type of %s at %s", e, e.pos)
                                                            .isNotNull();
                                                }
                                                for (Expr e :
                                                        exprs(
                                                                pkg,
                                                                x ->
                                                                        x instanceof Expr.Name n
                                                                                && n.obj != null)) {
                                                    assertThat(((Expr.Name) e).obj.type)
                                                            .as("type of %s at %s", e, e.pos)
                                                            .isNotNull();
                                                }
                                            }));
        }
    }

    @Test
    void stackOverflowHasALargeArrayAndConstantFoldedShift() throws Exception {
        TypedPackage pkg = check("stack_overflow.go");
        Expr.Name buf = firstName(pkg, "buf");
        assertThat(buf.obj).isInstanceOf(Obj.Var.class);
        assertThat(((Obj.Var) buf.obj).kind).isEqualTo(Obj.VarKind.LOCAL);
        assertThat(buf.obj.type.toString()).isEqualTo("[65536]byte");
        Expr.Call setMax = calls(pkg, "SetMaxStack").get(0);
        assertThat(setMax.kind).isEqualTo(Expr.CallKind.FUNC);
        assertThat(((Expr.Selector) setMax.fun).sel.obj.pkg).isEqualTo("debug");
        Expr arg = setMax.args.get(0);
        assertThat(arg.type.toString()).isEqualTo("int");
        assertThat(arg.value.intValue().longValue()).isEqualTo(4 << 20);
        Expr.Call f = calls(pkg, "f").get(0);
        assertThat(f.type.toString()).isEqualTo("byte");
    }

    @Test
    void closuresCaptureByReference() throws Exception {
        TypedPackage pkg = check("thread_exhaustion.go");
        Expr.FuncLit lit =
                exprs(pkg, e -> e instanceof Expr.FuncLit).stream()
                        .map(Expr.FuncLit.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(lit.captures).extracting(v -> v.name).containsExactly("c");
        assertThat(lit.captures.get(0).captured).isTrue();
        assertThat(lit.captures.get(0).type.toString()).isEqualTo("chan int");
        Expr.Name i = firstName(pkg, "i");
        assertThat(((Obj.Var) i.obj).captured).isFalse();
    }

    @Test
    void recursivePanicAssertsTheRecoveredValue() throws Exception {
        TypedPackage pkg = check("recursive_panic.go");
        Expr.Assert a =
                exprs(pkg, e -> e instanceof Expr.Assert).stream()
                        .map(Expr.Assert.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(a.x.type.toString()).isEqualTo("interface{}");
        assertThat(a.type.toString()).isEqualTo("string");
        Expr.Call rec = calls(pkg, "recover").get(0);
        assertThat(rec.kind).isEqualTo(Expr.CallKind.BUILTIN);
        assertThat(rec.type.toString()).isEqualTo("interface{}");
        Expr.Name x = firstName(pkg, "x");
        assertThat(x.obj.type.toString()).isEqualTo("[8192]byte");
    }

    @Test
    void goNilCallsAFuncValue() throws Exception {
        TypedPackage pkg = check("go_nil.go");
        Expr.Call call = calls(pkg, "f").get(0);
        assertThat(call.kind).isEqualTo(Expr.CallKind.FUNC_VALUE);
        assertThat(call.fun.type.toString()).isEqualTo("func()");
    }

    @Test
    void methodsAndPointerReceivers() throws Exception {
        TypedPackage pkg = check("debug_stack.go");
        Expr.Call ptr = calls(pkg, "ptrmethod").get(0);
        assertThat(ptr.kind).isEqualTo(Expr.CallKind.METHOD);
        Obj.Func m = (Obj.Func) ((Expr.Selector) ptr.fun).sel.obj;
        assertThat(m.ptrRecv).isTrue();
        assertThat(m.sig().recv.type.toString()).isEqualTo("*T");
        Expr.Call conv =
                exprs(pkg, e -> e instanceof Expr.Call c && c.kind == Expr.CallKind.CONVERSION)
                        .stream()
                        .map(Expr.Call.class::cast)
                        .findFirst()
                        .orElseThrow();
        assertThat(conv.type.toString()).isEqualTo("T");
        assertThat(conv.value.intValue().intValue()).isZero();
    }

    @Test
    void tourHasUntypedConstantsResolvedAndInitOrder() throws Exception {
        TypedPackage pkg = check("language_tour.go");
        assertThat(pkg.varInits())
                .extracting(v -> v.lhs().get(0).name)
                .containsExactly("table", "total");
        Expr.Name tuesday = firstName(pkg, "Tuesday");
        assertThat(tuesday.obj).isInstanceOf(Obj.Const.class);
        assertThat(((Obj.Const) tuesday.obj).value.intValue().intValue()).isEqualTo(2);
        assertThat(tuesday.obj.type.toString()).isEqualTo("Weekday");
        Expr.Name n = firstName(pkg, "n");
        assertThat(((Obj.Var) n.obj).captured).isTrue();
        Expr.Name table = firstName(pkg, "table");
        assertThat(table.obj.type.toString()).isEqualTo("[3]string");
        assertThat(((Obj.Var) table.obj).kind).isEqualTo(Obj.VarKind.GLOBAL);
        // the range over a string yields runes
        Expr.Name r = firstName(pkg, "ru");
        assertThat(r.obj.type.toString()).isEqualTo("rune");
    }

    // ---------------------------------------------------------------------------------------------
    // A small tree walker for the assertions.

    static Expr.Name firstName(TypedPackage pkg, String name) {
        return exprs(pkg, e -> e instanceof Expr.Name n && n.value.equals(name) && n.obj != null)
                .stream()
                .map(Expr.Name.class::cast)
                .findFirst()
                .orElseThrow();
    }

    static List<Expr.Call> calls(TypedPackage pkg, String fun) {
        return exprs(pkg, e -> e instanceof Expr.Call c && c.fun.toString().endsWith(fun)).stream()
                .map(Expr.Call.class::cast)
                .toList();
    }

    /** The value expressions of the program (type expressions skipped) that satisfy p. */
    static List<Expr> exprs(TypedPackage pkg, Predicate<Expr> p) {
        List<Expr> out = new ArrayList<>();
        Inspector.inspect(
                pkg.file(),
                n -> {
                    if (n instanceof gort.cmd.syntax.Decl.Import) {
                        return false;
                    }
                    if (n instanceof Expr e) {
                        if (e.isType) {
                            return false;
                        }
                        if (p.test(e)) {
                            out.add(e);
                        }
                    }
                    return true;
                });
        return out;
    }
}
