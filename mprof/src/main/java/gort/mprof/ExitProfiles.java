package gort.mprof;

import gort.mprof.pprof.Pprof;
import gort.mprof.pprof.ProfileProto;
import gort.mprof.pprof.StackSymbols;
import gort.proc.Sema;
import gort.proc.World;
import gort.runtime.M;
import gort.runtime.Print;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.os.ThreadExit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The profiles `gort run` writes when the program exits (its {@code --goroutineprofile} and {@code
 * --blockprofile} flags), as `go test -blockprofile` writes its own when the tests end. gort's own,
 * not a port: the hook takes the goroutine profile the way mprof.goc GoroutineProfile does
 * (worldsema, the world stopped, the exiting goroutine first from where it called exit, then every
 * G that is not dead), reads the blocking records, and writes each as profile.proto or as 2014's
 * debug=1 text.
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
     * What to write at exit: the goroutine profile and the blocking profile, each to its file
     * (null: not asked for), in one format; {@code program} names the profiles' one mapping.
     */
    public record Request(Path goroutine, Path block, Format format, String program) {
        /** Whether blocking events must be sampled from the start (SetBlockProfileRate(1)). */
        public boolean wantsBlockEvents() {
            return block != null;
        }
    }

    /**
     * An exit hook (see GoProcess.Builder#atexit) writing the requested profiles. A file that
     * cannot be written is reported on the process's stderr as {@code gort: FILE: reason} and the
     * exit code becomes 2.
     */
    public static RuntimeFunc hook(Request req) {
        return (cpu, argp) -> {
            int code = cpu.mem().load32(argp);
            RuntimeFunc finish =
                    (c, a) -> {
                        M m = c.m();
                        List<long[]> stacks = req.goroutine() != null ? goroutines(c) : null;
                        int exit = code;
                        StackSymbols sym = new StackSymbols(m.process.text());
                        try {
                            if (stacks != null) {
                                writeGoroutine(req, stacks, sym);
                            }
                            if (req.block() != null) {
                                writeBlock(req, BlockProfile.records(m), sym);
                            }
                        } catch (IOException e) {
                            Print.prints(m.process, "gort: " + e.getMessage() + "\n");
                            exit = 2;
                        }
                        m.process.exit(exit);
                        throw new ThreadExit();
                    };
            if (req.goroutine() != null) {
                Sema.semacquire(cpu, World.worldsema(cpu.m().process), false, finish);
            } else {
                finish.call(cpu, argp);
            }
        };
    }

    /**
     * The goroutine profile's stacks, the world stopped (worldsema is held): the exiting goroutine
     * from where it called exit, then every G that is not dead, as GoroutineProfile collects them.
     * Releases worldsema.
     */
    private static List<long[]> goroutines(gort.runtime.cpu.Cpu c) {
        M m = c.m();
        m.gcing = 1;
        World.stoptheworld(m, c.g());
        List<long[]> stacks = Mprof.profileStacks(c);
        m.gcing = 0;
        Sema.semrelease(m, World.worldsema(m.process));
        World.starttheworld(m);
        return stacks;
    }

    private static OutputStream open(Path file) throws IOException {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new IOException(file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException
                ? "no such file or directory"
                : e instanceof java.nio.file.AccessDeniedException
                        ? "permission denied"
                        : String.valueOf(e.getMessage());
    }

    static void writeGoroutine(Request req, List<long[]> stacks, StackSymbols sym)
            throws IOException {
        try (OutputStream os = open(req.goroutine())) {
            if (req.format() == Format.TEXT) {
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
                            req.program());
            for (long[] stk : stacks) {
                p.sample(stk, 1);
            }
            p.writeTo(os);
        }
    }

    static void writeBlock(Request req, List<BlockProfile.Record> records, StackSymbols sym)
            throws IOException {
        try (OutputStream os = open(req.block())) {
            if (req.format() == Format.TEXT) {
                os.write(
                        Pprof.writeBlock(1, records, BlockProfile.tickspersecond, sym)
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            // Go 1.19's shape: contentions/count and delay/nanoseconds; gort's ticks are ns
            ProfileProto p =
                    new ProfileProto(
                            sym,
                            new String[][] {{"contentions", "count"}, {"delay", "nanoseconds"}},
                            new String[] {"contentions", "count"},
                            1,
                            req.program());
            for (BlockProfile.Record r : records) {
                p.sample(r.stack(), r.count(), r.cycles());
            }
            p.writeTo(os);
        }
    }
}
