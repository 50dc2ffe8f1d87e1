package gort.mprof;

import gort.mprof.pprof.Pprof;
import gort.mprof.pprof.ProfileProto;
import gort.mprof.pprof.StackSymbols;
import gort.proc.Sema;
import gort.proc.StatusAccessors;
import gort.proc.World;
import gort.runtime.G;
import gort.runtime.GStatus;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.os.ThreadExit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The profiles `gort run` writes when the program exits (its {@code --goroutineprofile} flag), as
 * `go test -blockprofile` and friends write theirs when the tests end. gort's own, not a port: the
 * hook takes the goroutine profile the way mprof.goc GoroutineProfile does (worldsema, the world
 * stopped, the exiting goroutine first from where it called exit, then every G that is not dead)
 * and writes it as profile.proto or as 2014's debug=1 text.
 */
public final class ExitProfiles {
    private ExitProfiles() {}

    /** How a profile file is written. */
    public enum Format {
        /** gzipped profile.proto, for `go tool pprof`. */
        PROTO,
        /** runtime/pprof's debug=1 text of 2014 ("goroutine profile: total N" ...). */
        TEXT
    }

    /**
     * An exit hook (see GoProcess.Builder#atexit) writing the goroutine profile to {@code file};
     * {@code program} names the profile's one mapping. A file that cannot be written is reported on
     * the process's stderr as {@code gort: FILE: reason} and the exit code becomes 2.
     */
    public static RuntimeFunc goroutineProfile(Path file, Format format, String program) {
        return (cpu, argp) -> {
            int code = cpu.mem().load32(argp);
            M mp = cpu.m();
            Sema.semacquire(
                    cpu,
                    World.worldsema(mp.process),
                    false,
                    (c, a) -> {
                        M m = c.m();
                        G g = c.g();
                        m.gcing = 1;
                        World.stoptheworld(m, g);
                        List<long[]> stacks = new ArrayList<>();
                        stacks.add(Mprof.savegPcs(m, c.pc(), c.sp(), c.lr(), g));
                        for (int i = 0; i < m.process.allglen; i++) {
                            G gp = m.process.allg[i];
                            if (gp == g || StatusAccessors.readgstatus(gp) == GStatus.Gdead) {
                                continue;
                            }
                            stacks.add(Mprof.savegPcs(m, ~0L, ~0L, 0, gp));
                        }
                        m.gcing = 0;
                        Sema.semrelease(m, World.worldsema(m.process));
                        World.starttheworld(m);
                        int exit = code;
                        try {
                            write(
                                    file,
                                    format,
                                    program,
                                    stacks,
                                    new StackSymbols(m.process.text()));
                        } catch (IOException e) {
                            Print.prints(m.process, "gort: " + file + ": " + e.getMessage() + "\n");
                            exit = 2;
                        }
                        m.process.exit(exit);
                        throw new ThreadExit();
                    });
        };
    }

    static void write(
            Path file, Format format, String program, List<long[]> stacks, StackSymbols sym)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            if (format == Format.TEXT) {
                os.write(
                        Pprof.printCountProfile(1, "goroutine", stacks, sym)
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            ProfileProto p =
                    new ProfileProto(
                            sym,
                            new String[][] {{"goroutine", "count"}},
                            new String[] {"goroutine", "count"},
                            1,
                            program);
            for (long[] stk : stacks) {
                p.sample(stk, 1);
            }
            p.writeTo(os);
        }
    }
}
