package gort.cmd.types;

import gort.cmd.syntax.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * The packages a gort program may import and the members it may use: those of Go's 2014 runtime
 * tests, with their Go signatures. The runtime provides their implementations.
 */
public final class Packages {
    private Packages() {}

    /** The import paths gort supports. */
    public static final List<String> PATHS =
            List.of("runtime", "runtime/debug", "time", "os", "syscall");

    /** The members of the package at path, or null if gort does not support it. */
    static Scope members(String path, Scope universe) {
        Scope s = new Scope(null, false);
        Type uintptr = Types.UINTPTR;
        switch (path) {
            case "runtime" -> {
                String p = "runtime";
                Obj.TypeName rec = new Obj.TypeName("StackRecord", Pos.NONE, p, null);
                Type.Named recT = new Type.Named(rec);
                Type.Struct st = new Type.Struct();
                st.fields.add(
                        new Obj.Var(
                                "Stack0",
                                Pos.NONE,
                                p,
                                new Type.Array(32, uintptr),
                                Obj.VarKind.FIELD));
                recT.under = st;
                rec.type = recT;
                s.insert(rec);
                // mem.go's MemStats, which runtime.ReadMemStats (mgc0.c) fills
                Obj.TypeName ms = new Obj.TypeName("MemStats", Pos.NONE, p, null);
                Type.Named msT = new Type.Named(ms);
                Type.Struct mst = new Type.Struct();
                for (String f :
                        List.of(
                                "Alloc",
                                "TotalAlloc",
                                "Sys",
                                "Lookups",
                                "Mallocs",
                                "Frees",
                                "HeapAlloc",
                                "HeapSys",
                                "HeapIdle",
                                "HeapInuse",
                                "HeapReleased",
                                "HeapObjects",
                                "StackInuse",
                                "StackSys",
                                "MSpanInuse",
                                "MSpanSys",
                                "MCacheInuse",
                                "MCacheSys",
                                "BuckHashSys",
                                "GCSys",
                                "OtherSys",
                                "NextGC",
                                "LastGC",
                                "PauseTotalNs")) {
                    mst.fields.add(new Obj.Var(f, Pos.NONE, p, Types.UINT64, Obj.VarKind.FIELD));
                }
                mst.fields.add(
                        new Obj.Var(
                                "PauseNs",
                                Pos.NONE,
                                p,
                                new Type.Array(256, Types.UINT64),
                                Obj.VarKind.FIELD));
                mst.fields.add(new Obj.Var("NumGC", Pos.NONE, p, Types.UINT32, Obj.VarKind.FIELD));
                mst.fields.add(new Obj.Var("EnableGC", Pos.NONE, p, Types.BOOL, Obj.VarKind.FIELD));
                mst.fields.add(new Obj.Var("DebugGC", Pos.NONE, p, Types.BOOL, Obj.VarKind.FIELD));
                Type.Struct bySize = new Type.Struct();
                bySize.fields.add(
                        new Obj.Var("Size", Pos.NONE, p, Types.UINT32, Obj.VarKind.FIELD));
                bySize.fields.add(
                        new Obj.Var("Mallocs", Pos.NONE, p, Types.UINT64, Obj.VarKind.FIELD));
                bySize.fields.add(
                        new Obj.Var("Frees", Pos.NONE, p, Types.UINT64, Obj.VarKind.FIELD));
                mst.fields.add(
                        new Obj.Var(
                                "BySize",
                                Pos.NONE,
                                p,
                                new Type.Array(61, bySize),
                                Obj.VarKind.FIELD));
                msT.under = mst;
                ms.type = msT;
                s.insert(ms);
                func(s, p, "ReadMemStats", params("m", new Type.Pointer(msT)), results());
                func(s, p, "Gosched", params(), results());
                func(s, p, "GC", params(), results());
                func(s, p, "Goexit", params(), results());
                func(s, p, "GOMAXPROCS", params("n", Types.INT), results(Types.INT));
                func(s, p, "NumGoroutine", params(), results(Types.INT));
                func(s, p, "SetBlockProfileRate", params("rate", Types.INT), results());
                func(s, p, "LockOSThread", params(), results());
                func(s, p, "UnlockOSThread", params(), results());
                func(
                        s,
                        p,
                        "Stack",
                        params("buf", new Type.Slice(Types.BYTE), "all", Types.BOOL),
                        results(Types.INT));
                func(
                        s,
                        p,
                        "GoroutineProfile",
                        params("p", new Type.Slice(recT)),
                        named("n", Types.INT, "ok", Types.BOOL));
                func(
                        s,
                        p,
                        "SetFinalizer",
                        params("obj", Types.ANY, "finalizer", Types.ANY),
                        results());
                func(s, p, "Breakpoint", params(), results());
                func(
                        s,
                        p,
                        "Caller",
                        params("skip", Types.INT),
                        named(
                                "pc",
                                uintptr,
                                "file",
                                Types.STRING,
                                "line",
                                Types.INT,
                                "ok",
                                Types.BOOL));
                func(
                        s,
                        p,
                        "Callers",
                        params("skip", Types.INT, "pc", new Type.Slice(uintptr)),
                        results(Types.INT));
                // type Func struct { opaque struct{} } with its three methods (symtab.go)
                Obj.TypeName fn = new Obj.TypeName("Func", Pos.NONE, p, null);
                Type.Named fnT = new Type.Named(fn);
                fnT.under = new Type.Struct();
                fn.type = fnT;
                s.insert(fn);
                Type fnPtr = new Type.Pointer(fnT);
                method(fnT, p, "Name", fnPtr, params(), results(Types.STRING));
                method(fnT, p, "Entry", fnPtr, params(), results(uintptr));
                method(
                        fnT,
                        p,
                        "FileLine",
                        fnPtr,
                        params("pc", uintptr),
                        named("file", Types.STRING, "line", Types.INT));
                func(s, p, "FuncForPC", params("pc", uintptr), results(fnPtr));
                // export_test.go's GCMask, which gort's runtime exports to every program
                func(s, p, "GCMask", params("x", Types.ANY), results(new Type.Slice(Types.BYTE)));
            }
            case "runtime/debug" -> {
                String p = "debug";
                func(s, p, "SetMaxStack", params("bytes", Types.INT), results(Types.INT));
                func(s, p, "SetMaxThreads", params("threads", Types.INT), results(Types.INT));
                func(s, p, "WriteHeapDump", params("fd", uintptr), results());
                func(s, p, "SetGCPercent", params("percent", Types.INT), results(Types.INT));
            }
            case "time" -> {
                String p = "time";
                Obj.TypeName dur = new Obj.TypeName("Duration", Pos.NONE, p, null);
                Type.Named durT = new Type.Named(dur);
                durT.under = Types.INT64;
                dur.type = durT;
                s.insert(dur);
                long ns = 1;
                String[] names = {
                    "Nanosecond", "Microsecond", "Millisecond", "Second", "Minute", "Hour"
                };
                long[] mult = {1, 1000, 1000, 1000, 60, 60};
                for (int i = 0; i < names.length; i++) {
                    ns *= mult[i];
                    s.insert(new Obj.Const(names[i], Pos.NONE, p, durT, Constant.of(ns)));
                }
                func(s, p, "Sleep", params("d", durT), results());
            }
            case "os" -> func(s, "os", "Exit", params("code", Types.INT), results());
            case "syscall" ->
                    func(
                            s,
                            "syscall",
                            "Close",
                            params("fd", Types.INT),
                            named("err", universe.lookup("error").type));
            default -> {
                return null;
            }
        }
        return s;
    }

    /** The package name for an import path (its last element). */
    static String nameOf(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    private static void func(
            Scope s, String pkg, String name, Type.Tuple params, Type.Tuple results) {
        s.insert(new Obj.Func(name, Pos.NONE, pkg, new Type.Signature(null, params, results)));
    }

    /** A method of a runtime type, with a pointer receiver (the runtime implements it). */
    private static void method(
            Type.Named t,
            String pkg,
            String name,
            Type recv,
            Type.Tuple params,
            Type.Tuple results) {
        Obj.Var r = new Obj.Var("f", Pos.NONE, pkg, recv, Obj.VarKind.PARAM);
        Obj.Func m = new Obj.Func(name, Pos.NONE, pkg, new Type.Signature(r, params, results));
        m.isMethod = true;
        m.ptrRecv = true;
        t.methods.add(m);
    }

    private static Type.Tuple params(Object... nameType) {
        return named(nameType);
    }

    private static Type.Tuple named(Object... nameType) {
        List<Obj.Var> vars = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            vars.add(
                    new Obj.Var(
                            (String) nameType[i],
                            Pos.NONE,
                            null,
                            (Type) nameType[i + 1],
                            Obj.VarKind.PARAM));
        }
        return new Type.Tuple(vars);
    }

    private static Type.Tuple results(Type... types) {
        List<Obj.Var> vars = new ArrayList<>();
        for (Type t : types) {
            vars.add(new Obj.Var("", Pos.NONE, null, t, Obj.VarKind.RESULT));
        }
        return new Type.Tuple(vars);
    }
}
