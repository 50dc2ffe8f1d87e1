package gort.conformance.cli;

import gort.cmd.Compiler;
import gort.cmd.codegen.CodeGen;
import gort.cmd.codegen.Image;
import gort.proc.Mstart;
import gort.proc.ProgramResult;
import gort.proc.RuntimeText;
import gort.runtime.GoProcess;
import gort.runtime.Throw;
import gort.runtime.arch.Arch;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gort run FILE.go}: compiles a program and runs it on the ported runtime, on the
 * simulated GOARCH of the environment, with GOMAXPROCS from the environment as Go 1.3 reads it
 * (a positive number, else 1). The program's exit code is the command's: 0 when main returns,
 * n for os.Exit(n), 2 for a compile error or a fatal error.
 *
 * <p>What runs today is what the code generator compiles (see cmd/README.md); stack growth
 * (stack.c's newstack, issue 5) is not there yet, so a goroutine that outgrows its first stack
 * ends with a fatal error saying so.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compile a Go program (the gort subset) and run it on the ported runtime.")
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.go", description = "The program, one file of package main.")
    Path file;

    /** The environment: GOARCH, GOMAXPROCS. Tests replace it. */
    Map<String, String> env = System.getenv();

    /** Where the program's runtime prints (its stderr). Tests replace it. */
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);

    @Override
    public Integer call() throws InterruptedException {
        Arch arch = BuildCommand.goarch(spec.commandLine(), env);
        String source = BuildCommand.read(spec.commandLine(), file);
        Compiler.Result checked = new Compiler(arch.PtrSize).check(file, source);
        if (!checked.ok()) {
            return BuildCommand.report(spec.commandLine(), checked.text());
        }
        CodeGen.Result generated = CodeGen.compile(checked.pkg(), arch, file.toString());
        if (!generated.diagnostics().isEmpty()) {
            StringBuilder text = new StringBuilder();
            generated.diagnostics().forEach(d -> text.append(d).append('\n'));
            return BuildCommand.report(spec.commandLine(), text.toString());
        }
        Image image = generated.program().link(ln -> RuntimeText.link(ln, arch));
        GoProcess process = GoProcess.builder(image.text())
                .stderr(stderr)
                .gomaxprocs(gomaxprocs(env))
                .morestack(cpu -> Throw.throw_(cpu.m().process,
                        "gort: stack growth (stack.c newstack) is not ported yet"))
                .build();
        image.load(process.memory());
        ProgramResult result = Mstart.run(process);
        return result.exitCode();
    }

    /** GOMAXPROCS as Go 1.3's schedinit reads it: a positive number, else the default 1. */
    static int gomaxprocs(Map<String, String> env) {
        try {
            int n = Integer.parseInt(env.getOrDefault("GOMAXPROCS", ""));
            return n > 0 ? Math.min(n, 256) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
