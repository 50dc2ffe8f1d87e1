package gort.cmd;

import gort.cmd.diag.Diagnostic;
import gort.cmd.diag.ErrorSink;
import gort.cmd.diag.TooManyErrors;
import gort.cmd.syntax.Parser;
import gort.cmd.syntax.SourceFile;
import gort.cmd.types.Checker;
import gort.cmd.types.TypedPackage;
import java.nio.file.Path;
import java.util.List;

/**
 * The front end of gort's Go-subset compiler: parse and type-check one file of package main and
 * report errors as {@code go build FILE.go} (Go 1.19, gc) prints them.
 *
 * <p>The phases follow {@code go build}: the go command first reads the package clause and the
 * imports ({@link GoCommandCheck}; its first error is printed in go/parser's words, e.g. "expected
 * 'package', found 'func'"); then gc parses, and stops after parsing if any syntax error was
 * reported; otherwise it type-checks and reports every type error, sorted by position, at most ten
 * followed by "too many errors". A program that compiles but has no main gets the linker's message.
 * Valid Go outside gort's subset gets {@code file:line:col: gort does not support ...}.
 */
public final class Compiler {
    /** Pointer size of the target: 8 for GOARCH amd64, 4 for arm (sizes of int, uint, uintptr). */
    private final int ptrSize;

    public Compiler(int ptrSize) {
        this.ptrSize = ptrSize;
    }

    /** A compiler for GOARCH amd64. */
    public Compiler() {
        this(8);
    }

    /** The outcome: the diagnostics (empty when the file compiles) and the checked package. */
    public record Result(List<Diagnostic> diagnostics, TypedPackage pkg) {
        public boolean ok() {
            return diagnostics.isEmpty();
        }

        /** The diagnostics as gc prints them, one per line (multi-line messages stay together). */
        public String text() {
            StringBuilder b = new StringBuilder();
            for (Diagnostic d : diagnostics) {
                b.append(d).append('\n');
            }
            return b.toString();
        }
    }

    /** Checks file, printing positions with its name as the go command would (see displayName). */
    public Result check(Path file, String source) {
        Path cwd = Path.of("").toAbsolutePath();
        return check(displayName(cwd, file), file.toString(), source);
    }

    /**
     * Checks source; {@code name} prefixes positions in gc's messages, {@code givenName} (the path
     * as given on the command line) those of the go command's package-clause check.
     */
    public Result check(String name, String givenName, String source) {
        ErrorSink sink = new ErrorSink(name);
        Diagnostic pkgErr = GoCommandCheck.check(givenName, source);
        if (pkgErr != null) {
            return new Result(List.of(pkgErr), null);
        }
        TypedPackage pkg = null;
        try {
            SourceFile f =
                    Parser.parse(source, (pos, msg) -> sink.report(pos.line(), pos.col(), msg));
            if (sink.syntaxErrors() > 0 || f == null) {
                return new Result(sink.diagnostics(), null);
            }
            if (!f.pkgName.value.equals("main")) {
                sink.report(
                        f.pkgName.pos.line(),
                        f.pkgName.pos.col(),
                        "gort does not support packages other than main");
                return new Result(sink.diagnostics(), null);
            }
            pkg = Checker.check(f, sink, ptrSize);
            if (!sink.hasErrors()) {
                for (var d : pkg.funcs()) {
                    if (d.body == null) {
                        sink.report(d.name.pos.line(), d.name.pos.col(), "missing function body");
                    }
                }
            }
            if (!sink.hasErrors() && pkg.main() == null) {
                sink.add(
                        Diagnostic.unpositioned(
                                "runtime.main_main·f: function main is undeclared in the main package"));
            }
        } catch (TooManyErrors e) {
            return new Result(sink.diagnostics(), null);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug in gort, reported like gc's own crashes rather than as a Java stack trace
            List<Diagnostic> ds = new java.util.ArrayList<>(sink.diagnostics());
            ds.add(Diagnostic.unpositioned("internal compiler error: " + e));
            return new Result(List.copyOf(ds), null);
        }
        List<Diagnostic> ds = sink.diagnostics();
        return new Result(ds, ds.isEmpty() ? pkg : null);
    }

    /**
     * The name the go command prints for file: relative to the current directory when that is
     * shorter, and "./x.go" for a file directly in it ({@code go build x.go} prints "./x.go:3:2:",
     * {@code go build sub/x.go} "sub/x.go:...", {@code go build ../x.go} "../x.go:...").
     */
    public static String displayName(Path cwd, Path file) {
        Path abs = cwd.resolve(file).toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir != null && dir.equals(cwd.toAbsolutePath().normalize())) {
            return "./" + abs.getFileName();
        }
        String rel = cwd.toAbsolutePath().normalize().relativize(abs).toString();
        String a = abs.toString();
        return rel.length() < a.length() ? rel : a;
    }
}
