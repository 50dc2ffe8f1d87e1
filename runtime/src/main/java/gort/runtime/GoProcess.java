package gort.runtime;

import gort.runtime.arch.Arch;
import gort.runtime.cpu.Morestack;
import gort.runtime.cpu.RuntimeFunc;
import gort.runtime.cpu.Text;
import gort.runtime.mem.Layout;
import gort.runtime.mem.Memory;
import gort.runtime.os.Lock;
import gort.runtime.os.OsLayer;
import gort.runtime.os.RealOs;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated Go process: the home of what are globals in C. Many processes can live side by side
 * in one JVM (tests, the conformance suite), so nothing in gort keeps mutable static state; a G or
 * M names its process.
 *
 * <p>It holds the print sink (C's file descriptor 2), an optional {@link StatusObserver}, and the
 * allocation of G addresses. A <em>full</em> process, made by {@link #builder}, also has the
 * machine (arch, memory, the linked program's text, the OS backend, the allocator stand-ins) and
 * proc.c's globals under their C names: {@link #sched}, {@link #allg}/{@link #allglen} (guarded by
 * {@link #allglock}), {@link #allm}, {@link #allp}, {@link #gomaxprocs}, {@link #m0}, {@link #g0}.
 * The processes of {@link #create} have none of these: they serve unit tests of single functions
 * (the status accessors).
 *
 * <p>Exit: C's runtime·exit ends the OS process. Here {@link #exit} records the first exit code,
 * tells the OS backend to stop every M of the process ({@link OsLayer#exitprocess}) and releases
 * {@link #awaitExit}; nothing calls System.exit.
 */
public final class GoProcess {
    /** Where the first G is placed; Go's amd64 heap hands out addresses like this one. */
    public static final long FIRST_G_ADDR = 0xc208000000L;

    /** sizeof(G) on amd64 at 0a7c7ac80 (288 bytes, itself a malloc size class). */
    public static final long G_SIZE = 288;

    /*
     * Loads the observer interface with this class. C2 will not inline a method whose signature
     * names a class that is not loaded yet, and observer() is called by every status accessor: a
     * program that never creates an observer would otherwise pay a real call on each transition
     * (bench: CasgstatusAnatomyBench).
     */
    private static final Class<StatusObserver> OBSERVER_TYPE = StatusObserver.class;

    private final OutputStream stderr;
    private final StatusObserver observer;
    private final AtomicLong nextGAddr = new AtomicLong(FIRST_G_ADDR);

    // ---- the machine (full processes only; null otherwise) ----
    private final Arch arch;
    private final Memory memory;
    private final Text text;
    private final OsLayer os;
    private final gort.runtime.malloc.Malloc malloc;
    private final StackAllocator stacks;
    private final Morestack morestack;
    private final PanicHook panics;
    private final int procs;

    // ---- proc.c's globals ----
    /** MaxGomaxprocs in proc.c. */
    public static final int MaxGomaxprocs = 1 << 8;

    /** runtime·sched. */
    public final Sched sched = new Sched();

    /** allglock: guards allg and allglen (and their growth in allgadd). */
    public final Lock allglock = new Lock();

    /** runtime·allg: every G ever published, allglen of them. Guarded by allglock. */
    public G[] allg;

    public int allglen;

    /** runtime·allm, linked through M.alllink; published with a release store (atomicstorep). */
    public volatile M allm;

    /** runtime·allp: MaxGomaxprocs+1 slots, filled by procresize. */
    public final P[] allp = new P[MaxGomaxprocs + 1];

    /** runtime·gomaxprocs (stored atomically by procresize). */
    public volatile int gomaxprocs;

    /** runtime·m0 and runtime·g0, set by rt0_go. */
    public M m0;

    public G g0;

    /**
     * stack.c runtime·maxstacksize: the most bytes of stack a goroutine may use. 1&lt;&lt;20 is a
     * provisional limit that runtime.main replaces; debug.SetMaxStack changes it.
     */
    public volatile long maxstacksize = 1 << 20;

    /** The FuncVal of main.main that runtime·main calls (found by name in the text), or 0. */
    public long mainFuncVal;

    /**
     * gort: per-process state of runtime files other than proc.c's globals; see {@link #local}.
     * Pairs (type, instance) in an array replaced, never changed, under {@code this}: there are a
     * handful, and channel operations look one up every time, so a scan of identities beats a hash
     * lookup.
     */
    private volatile Object[] locals = new Object[0];

    private final Object localsLock = new Object();

    /** The environment as getenv sees it (GOMAXPROCS is read by the builder instead). */
    private final java.util.Map<String, String> env;

    // ---- block profiling (mprof.goc's runtime·blockprofilerate and blockevent) ----
    /** runtime·blockprofilerate: sample blocking events of at least this many ticks; 0 is off. */
    public final AtomicLong blockprofilerate = new AtomicLong();

    private final Profiling profiling;

    // ---- exit ----
    /**
     * gort: what runs on the goroutine that calls runtime·exit before the process ends (the command
     * line's exit-time profiles), once; null for none. C has no such hook: Go's testing package
     * writes its profiles from Go code before it exits.
     */
    private final RuntimeFunc atexit;

    private final java.util.concurrent.atomic.AtomicBoolean atexitTaken =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final AtomicInteger exitcode = new AtomicInteger(Integer.MIN_VALUE);
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile Throwable fatal;

    /** The M whose thread is the current one (C reaches it as g->m through the TLS g). */
    private final ThreadLocal<M> currentM = new ThreadLocal<>();

    private GoProcess(OutputStream stderr, StatusObserver observer) {
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.observer = observer;
        this.arch = null;
        this.memory = null;
        this.text = null;
        this.os = null;
        this.malloc = null;
        this.stacks = null;
        this.morestack = null;
        this.panics = PanicHook.NONE;
        this.procs = 0;
        this.env = java.util.Map.of();
        this.atexit = null;
        this.profiling = Profiling.NONE;
    }

    private GoProcess(Builder b) {
        this.stderr = Objects.requireNonNull(b.stderr, "stderr");
        this.observer = b.observer;
        this.text = Objects.requireNonNull(b.text, "text");
        this.arch = text.arch;
        this.memory = Layout.of(arch).newMemory();
        this.os = b.os != null ? b.os : new RealOs(b.name);
        this.stacks = b.stacks != null ? b.stacks : StackAllocator.standin(this);
        this.malloc = new gort.runtime.malloc.Malloc(this);
        this.morestack = Objects.requireNonNull(b.morestack, "morestack");
        this.panics = b.panics;
        this.procs = b.gomaxprocs;
        this.env = java.util.Map.copyOf(b.env);
        this.atexit = b.atexit;
        this.profiling = b.profiling;
    }

    /** A builder of a full process that will run {@code text}. */
    public static Builder builder(Text text) {
        return new Builder(text);
    }

    /** Builds full processes; see {@link GoProcess#builder}. */
    public static final class Builder {
        private final Text text;
        private OutputStream stderr = OutputStream.nullOutputStream();
        private StatusObserver observer;
        private OsLayer os;
        private StackAllocator stacks;
        private Morestack morestack;
        private PanicHook panics = PanicHook.NONE;
        private int gomaxprocs = 1;
        private String name = "process";
        private final java.util.Map<String, String> env = new java.util.HashMap<>();
        private RuntimeFunc atexit;
        private Profiling profiling = Profiling.NONE;

        private Builder(Text text) {
            this.text = text;
        }

        /** The print sink (default: discard). */
        public Builder stderr(OutputStream s) {
            this.stderr = s;
            return this;
        }

        public Builder observer(StatusObserver o) {
            this.observer = o;
            return this;
        }

        /** The OS backend (default: a new {@link RealOs}). */
        public Builder os(OsLayer o) {
            this.os = o;
            return this;
        }

        /** stack.c's allocator (default: {@link StackAllocator#standin}). */
        public Builder stacks(StackAllocator s) {
            this.stacks = s;
            return this;
        }

        /** newstack, run when a prologue's stack check fails (required). */
        /** Run-time panics and memory faults go to {@code h} (the panic module's). */
        public Builder panics(PanicHook h) {
            this.panics = Objects.requireNonNull(h, "panics");
            return this;
        }

        public Builder morestack(Morestack m) {
            this.morestack = m;
            return this;
        }

        /**
         * GOMAXPROCS as schedinit reads it from the environment: values &lt;= 0 mean unset (1),
         * larger than MaxGomaxprocs are clamped.
         */
        public Builder gomaxprocs(int n) {
            this.gomaxprocs = n;
            return this;
        }

        /** A name for the process's threads. */
        public Builder name(String n) {
            this.name = Objects.requireNonNull(n);
            return this;
        }

        /** An environment variable for getenv (GODEBUG ...). */
        public Builder env(String key, String value) {
            this.env.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /**
         * gort: {@code f} runs on the goroutine that calls runtime·exit, before the process ends,
         * with exit's arguments; it must end by calling exit again (see {@link #takeAtexit}).
         */
        public Builder atexit(RuntimeFunc f) {
            this.atexit = Objects.requireNonNull(f, "atexit");
            return this;
        }

        /** mprof's blockevent (default: {@link Profiling#NONE}). */
        public Builder profiling(Profiling p) {
            this.profiling = Objects.requireNonNull(p, "profiling");
            return this;
        }

        public GoProcess build() {
            return new GoProcess(this);
        }
    }

    /** A process that prints to {@code stderr} and has no observer. */
    public static GoProcess create(OutputStream stderr) {
        return new GoProcess(stderr, null);
    }

    /**
     * A process that prints to {@code stderr} and reports accessor activity to {@code observer}.
     */
    public static GoProcess create(OutputStream stderr, StatusObserver observer) {
        return new GoProcess(stderr, Objects.requireNonNull(observer, "observer"));
    }

    /** The observer, or null when nobody watches. */
    public StatusObserver observer() {
        return observer;
    }

    /**
     * A new G at the next free G address whose status word holds {@code initialstatus}. The
     * runtime's own Gs start as {@link GStatus#Gidle}, as from malg.
     */
    public G newG(int initialstatus) {
        // allocg's runtime·cnew(gtype): gort has no descriptor of G, so notype (every word a
        // pointer) stands for it
        long addr = malloc != null ? malloc.mallocgc(G_SIZE, 0, 0) : nextGAddr.getAndAdd(G_SIZE);
        return new G(this, addr, initialstatus);
    }

    // ---- the machine ----

    /** GOARCH of a full process (null for {@link #create}'s). */
    public Arch arch() {
        return arch;
    }

    public Memory memory() {
        return memory;
    }

    /** The linked program. */
    public Text text() {
        return text;
    }

    public OsLayer os() {
        return os;
    }

    /**
     * The runtime is about to perform an atomic operation: a switch point of the OS backend ({@link
     * OsLayer#atomic}); nothing for the real backend or a process without one.
     */
    public void atomic() {
        OsLayer o = os;
        if (o != null) {
            o.atomic();
        }
    }

    /** malloc.go and malloc.c: the heap and mallocgc (null for {@link #create}'s processes). */
    public gort.runtime.malloc.Malloc malloc() {
        return malloc;
    }

    /** stackalloc/stackfree. */
    public StackAllocator stacks() {
        return stacks;
    }

    /** newstack for every M's CPU. */
    public Morestack morestack() {
        return morestack;
    }

    /** Where run-time panics and memory faults go ({@link PanicHook#NONE} by default). */
    public PanicHook panics() {
        return panics;
    }

    /** GOMAXPROCS as given to the builder (schedinit's getenv). */
    public int procs() {
        return procs;
    }

    /**
     * The value of environment variable {@code key}, or null. Stands for runtime·getenv
     * (env_posix.c).
     */
    public String getenv(String key) {
        return env.get(key);
    }

    /**
     * gort: the process's one instance of {@code type}, made by {@code make} on first use. It holds
     * what C keeps in file-level statics of runtime files whose state is not among proc.c's globals
     * above (chan.goc's channel registry, time.go's timers, sysmon's pdesc), so that nothing in
     * gort is a mutable static.
     */
    public <T> T local(Class<T> type, java.util.function.Function<GoProcess, T> make) {
        Object[] t = locals;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] == type) {
                return type.cast(t[i + 1]);
            }
        }
        return makeLocal(type, make);
    }

    /**
     * {@link #local}'s first use of {@code type}. {@code make} runs outside {@code localsLock}: it
     * may allocate, and allocation passes the sim backend's switch points, where another M must not
     * find the monitor held. So two Ms may both make an instance; the first published wins and the
     * other is dropped (the instances are plain data, C's statics).
     */
    private <T> T makeLocal(Class<T> type, java.util.function.Function<GoProcess, T> make) {
        T made = java.util.Objects.requireNonNull(make.apply(this), "local");
        synchronized (localsLock) {
            Object[] t = locals;
            for (int i = 0; i < t.length; i += 2) {
                if (t[i] == type) {
                    return type.cast(t[i + 1]);
                }
            }
            Object[] grown = java.util.Arrays.copyOf(t, t.length + 2);
            grown[t.length] = type;
            grown[t.length + 1] = made;
            locals = grown;
            return made;
        }
    }

    // ---- exit ----

    /**
     * Ends the process with {@code code}: the first call's code is kept, every M is told to stop,
     * and {@link #awaitExit} returns. Stands for sys_linux_*.s runtime·exit (exit_group).
     */
    public void exit(int code) {
        if (exitcode.compareAndSet(Integer.MIN_VALUE, code)) {
            if (os != null) {
                os.exitprocess();
                // Ask every running G to stop at its next prologue, as a preemption request
                // does; the Ms' morestack then ends their threads (see gort.proc.Mstart).
                for (M mp = allm; mp != null; mp = mp.alllink) {
                    G gp = mp.curg;
                    if (gp != null) {
                        gp.stackguard0 = Stack.StackPreempt(arch);
                    }
                }
            }
            exited.countDown();
        }
    }

    /**
     * gort: binds the calling thread to {@code mp}, as the TLS slot for g does in C; the M's thread
     * calls it first thing (gort.proc.Mstart), so that code far from any Cpu (throw) can find its
     * M.
     */
    public void bindThread(M mp) {
        currentM.set(mp);
    }

    /** The M bound to the calling thread by {@link #bindThread}, or null off the Ms' threads. */
    public M currentM() {
        return currentM.get();
    }

    /** Ends the process with exit code 2 after a fatal error (a throw) on one of its Ms. */
    public void die(Throwable cause) {
        if (exitcode.get() == Integer.MIN_VALUE) {
            fatal = cause;
        }
        exit(2);
    }

    /** mprof's entry points ({@link Profiling#NONE} unless the process was built with some). */
    public Profiling profiling() {
        return profiling;
    }

    /**
     * runtime·cputicks. gort differs: C reads the CPU's time-stamp counter; gort counts the OS
     * layer's nanoseconds (virtual ones on the sim backend), so tickspersecond is 1e9.
     */
    public long cputicks() {
        return os.nanotime();
    }

    /**
     * The exit hook if it has not run yet, else null: the first caller of runtime·exit gets it, so
     * the hook's own call of exit ends the process.
     */
    public RuntimeFunc takeAtexit() {
        return atexit != null && atexitTaken.compareAndSet(false, true) ? atexit : null;
    }

    /** Whether {@link #exit} was called. */
    public boolean exiting() {
        return exitcode.get() != Integer.MIN_VALUE;
    }

    /** Waits for {@link #exit}; returns the exit code. */
    public int awaitExit() throws InterruptedException {
        exited.await();
        return exitcode.get();
    }

    /** The fatal error that ended the process (exit code 2), or null. */
    public Throwable fatal() {
        return fatal;
    }

    /**
     * Writes bytes to the print sink, as write(2, ...) does in C. Like the runtime, which cannot
     * report a failure to print, it drops write errors.
     */
    public void write(byte[] b, int off, int len) {
        try {
            stderr.write(b, off, len);
            stderr.flush();
        } catch (IOException e) {
            // C's runtime·write result is ignored too: there is nowhere left to report it.
        }
    }
}
