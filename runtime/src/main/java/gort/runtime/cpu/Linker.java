package gort.runtime.cpu;

import static gort.runtime.cpu.Isa.*;

import gort.runtime.arch.Arch;
import gort.runtime.mem.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lays out functions into one {@link Text} at {@link Layout#initText}: adds each function's
 * prologue and resolves FP offsets, labels, calls, function addresses and runtime calls, and builds
 * the symbol table. It is the part of 6l/5l and liblink (obj6.c/obj5.c addstacksplit, pcln.c) that
 * gort needs. Functions are placed in the order added, back to back.
 */
public final class Linker {
    private final Arch arch;
    private final List<FuncBuilder> funcs = new ArrayList<>();
    private final Map<String, RuntimeFunc> runtime = new LinkedHashMap<>();

    public Linker(Arch arch) {
        this.arch = Objects.requireNonNull(arch, "arch");
    }

    /** Adds a function; its name must be new. */
    public Linker add(FuncBuilder f) {
        if (f.arch != arch) {
            throw new IllegalArgumentException(
                    f.name + " is assembled for " + f.arch + ", not " + arch);
        }
        funcs.add(f);
        return this;
    }

    /** Registers the Java runtime function {@code fn} under {@code name} for RTCALL. */
    public Linker runtime(String name, RuntimeFunc fn) {
        runtime.put(Objects.requireNonNull(name), Objects.requireNonNull(fn));
        return this;
    }

    /**
     * The names code may refer to: every registered RTCALL function and every added function (a
     * compiler checks against them before it emits a call).
     */
    public java.util.Set<String> names() {
        java.util.Set<String> s = new java.util.HashSet<>(runtime.keySet());
        for (FuncBuilder f : funcs) {
            s.add(f.name);
        }
        return s;
    }

    /** The linked text. */
    public Text link() {
        long textStart = Layout.of(arch).initText;
        int n = funcs.size();
        FuncBuilder.Frame[] frames = new FuncBuilder.Frame[n];
        int[] entryIdx = new int[n];
        int[] prologueLen = new int[n];
        Map<String, Integer> byName = new HashMap<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
            FuncBuilder f = funcs.get(i);
            if (byName.put(f.name, i) != null) {
                throw new IllegalArgumentException("duplicate function " + f.name);
            }
            if (f.insns.isEmpty()) {
                throw new IllegalArgumentException(f.name + ": empty function");
            }
            frames[i] = f.new Frame();
            prologueLen[i] = (frames[i].split ? 1 : 0) + (frames[i].size > 0 ? 1 : 0);
            entryIdx[i] = total;
            total += prologueLen[i] + f.insns.size();
        }
        String[] rtNames = runtime.keySet().toArray(new String[0]);
        RuntimeFunc[] rtFuncs = runtime.values().toArray(new RuntimeFunc[0]);
        Map<String, Integer> rtIndex = new HashMap<>();
        for (int i = 0; i < rtNames.length; i++) {
            rtIndex.put(rtNames[i], i);
        }

        int[] code = new int[total * STRIDE];
        List<Long> pool = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Map<String, Integer> fileIndex = new HashMap<>();
        Func[] out = new Func[n];
        for (int i = 0; i < n; i++) {
            FuncBuilder f = funcs.get(i);
            FuncBuilder.Frame fr = frames[i];
            int base = entryIdx[i];
            int pl = prologueLen[i];
            int len = pl + f.insns.size();
            int[] sp = new int[len];
            int[] file = new int[len];
            int[] line = new int[len];
            int[] pcArg = new int[len];
            int[] pcMap = new int[len];
            int k = 0;
            int firstFile = fileNo(files, fileIndex, f.files.get(0));
            if (fr.split) {
                int textarg = f.args == FuncData.ArgsSizeUnknown ? 0 : f.args;
                put(
                        code,
                        base + k,
                        STACKCHECK | (f.needctxt ? 1 : 0) << 8 | (fr.passFrame ? 1 : 0) << 16,
                        fr.size,
                        textarg);
                k++;
            }
            if (fr.size > 0) {
                put(code, base + k, ENTER, fr.size, 0);
                k++;
            }
            for (int j = 0; j < k; j++) {
                file[j] = firstFile;
                line[j] = f.lines.get(0);
                pcArg[j] = -1;
                pcMap[j] = -1;
                sp[j] = 0;
            }
            for (int j = 0; j < f.insns.size(); j++, k++) {
                int[] ins = f.insns.get(j).clone();
                int op = ins[0] & 0xff;
                int a = ins[0] >>> 8 & 0xff;
                int b = ins[0] >>> 16 & 0xff;
                if ((op == LOAD || op == LEA) && b == FuncBuilder.FP) {
                    ins[0] = ins[0] & ~(0xff << 16) | SP << 16;
                    ins[1] += fr.argBase;
                } else if (op == STORE && a == FuncBuilder.FP) {
                    ins[0] = ins[0] & ~(0xff << 8) | SP << 8;
                    ins[1] += fr.argBase;
                } else if (a == FuncBuilder.FP
                        || b == FuncBuilder.FP
                        || (op >= ADD && op <= SETCC && ins[1] == FuncBuilder.FP)) {
                    throw new IllegalArgumentException(f.name + ": FP is only a memory base");
                }
                Object ref = f.refs.get(j);
                switch (f.refKinds.get(j)) {
                    case FuncBuilder.REF_LABEL:
                        {
                            Label l = (Label) ref;
                            if (l.at < 0) {
                                throw new IllegalArgumentException(f.name + ": unbound label");
                            }
                            ins[2] = (base + pl + l.at) * STRIDE;
                            break;
                        }
                    case FuncBuilder.REF_CALL:
                        ins[2] = entryIdx[resolve(byName, f.name, (String) ref)] * STRIDE;
                        break;
                    case FuncBuilder.REF_FUNCADDR:
                        ins[2] = pool.size();
                        pool.add(
                                textStart
                                        + (long) entryIdx[resolve(byName, f.name, (String) ref)]
                                                * INSN_BYTES);
                        break;
                    case FuncBuilder.REF_RT:
                        {
                            Integer r = rtIndex.get((String) ref);
                            if (r == null) {
                                throw new IllegalArgumentException(
                                        f.name + ": undefined runtime function " + ref);
                            }
                            ins[1] = r;
                            break;
                        }
                    default:
                        if (op == MOVQ) {
                            ins[2] = pool.size();
                            pool.add((Long) ref);
                        }
                }
                if (op == RET) {
                    ins[1] = fr.size;
                    ins[0] |= (fr.leaf && fr.size == 0 ? 1 : 0) << 8;
                }
                System.arraycopy(ins, 0, code, (base + k) * STRIDE, STRIDE);
                sp[k] = fr.size;
                file[k] = fileNo(files, fileIndex, f.files.get(j));
                line[k] = f.lines.get(j);
                pcArg[k] = f.pcdatas.get(j)[FuncData.PCDATA_ArgSize];
                pcMap[k] = f.pcdatas.get(j)[FuncData.PCDATA_StackMapIndex];
            }
            StackMap[] fd = new StackMap[0];
            if (f.argsMaps != null || f.localsMaps != null) {
                fd = new StackMap[FuncData.FUNCDATA_LocalsPointerMaps + 1];
                fd[FuncData.FUNCDATA_ArgsPointerMaps] = f.argsMaps;
                fd[FuncData.FUNCDATA_LocalsPointerMaps] = f.localsMaps;
            }
            long entry = textStart + (long) base * INSN_BYTES;
            out[i] =
                    new Func(
                            f.name,
                            entry,
                            entry + (long) len * INSN_BYTES,
                            f.args,
                            fr.funcFrame,
                            f.locals,
                            !fr.split,
                            fr.leaf,
                            f.needctxt,
                            PcTable.ofPerInstruction(sp),
                            PcTable.ofPerInstruction(file),
                            PcTable.ofPerInstruction(line),
                            new PcTable[] {
                                PcTable.ofPerInstruction(pcArg), PcTable.ofPerInstruction(pcMap)
                            },
                            fd,
                            base);
        }
        long[] poolArr = new long[pool.size()];
        for (int i = 0; i < poolArr.length; i++) {
            poolArr[i] = pool.get(i);
        }
        return new Text(
                arch,
                textStart,
                code,
                poolArr,
                out,
                rtNames,
                rtFuncs,
                files.toArray(new String[0]));
    }

    private static void put(int[] code, int idx, int w0, int w1, int w2) {
        code[idx * STRIDE] = w0;
        code[idx * STRIDE + 1] = w1;
        code[idx * STRIDE + 2] = w2;
    }

    private static int resolve(Map<String, Integer> byName, String from, String name) {
        Integer i = byName.get(name);
        if (i == null) {
            throw new IllegalArgumentException(from + ": undefined function " + name);
        }
        return i;
    }

    private static int fileNo(List<String> files, Map<String, Integer> index, String file) {
        return index.computeIfAbsent(
                file,
                f -> {
                    files.add(f);
                    return files.size() - 1;
                });
    }
}
