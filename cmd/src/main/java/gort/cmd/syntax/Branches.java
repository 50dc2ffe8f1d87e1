package gort.cmd.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gc's check of labels and branch statements in one function body (syntax/branches.go, the parser's
 * CheckBranches mode): undefined, duplicate and unused labels, break/continue outside a loop or
 * with a label that does not name an enclosing statement, misplaced fallthrough, and gotos that
 * jump into blocks or over variable declarations. It also links each break and continue to its
 * target statement ({@link Stmt.Branch#target}).
 */
final class Branches {
    private final Parser.Errors errh;
    private final Map<String, Label> labels = new LinkedHashMap<>();

    private static final class Label {
        final Block parent;
        final Stmt.Labeled lstmt;
        boolean used;

        Label(Block parent, Stmt.Labeled lstmt) {
            this.parent = parent;
            this.lstmt = lstmt;
        }
    }

    private record Block(Block parent, Pos start, Stmt.Labeled lstmt) {}

    /** Where an unlabeled break/continue goes; caseIndex is the enclosing switch case or -1. */
    private record Targets(Stmt breaks, Stmt.For continues, int caseIndex) {}

    /** Marks a label that exists but does not enclose the branch. */
    private static final Stmt.Labeled INVALID = new Stmt.Labeled(Pos.NONE, null);

    private Branches(Parser.Errors errh) {
        this.errh = errh;
    }

    static void check(Stmt.Block body, Parser.Errors errh) {
        Branches ls = new Branches(errh);
        List<Stmt.Branch> fwd =
                ls.blockBranches(null, new Targets(null, null, -1), null, body.pos, body.list);
        for (Stmt.Branch g : fwd) {
            String name = g.label.value;
            Label l = ls.labels.get(name);
            if (l != null) {
                l.used = true;
                ls.err(
                        g.label.pos,
                        "goto " + name + " jumps into block starting at " + l.parent.start);
            } else {
                ls.err(g.label.pos, "label " + name + " not defined");
            }
        }
        for (Label l : ls.labels.values()) {
            if (!l.used) {
                ls.err(l.lstmt.label.pos, "label " + l.lstmt.label.value + " defined and not used");
            }
        }
    }

    private void err(Pos pos, String msg) {
        errh.error(pos, msg);
    }

    private Label declare(Block b, Stmt.Labeled s) {
        String name = s.label.value;
        Label alt = labels.get(name);
        if (alt != null) {
            err(s.label.pos, "label " + name + " already defined at " + alt.lstmt.label.pos);
            return alt;
        }
        Label l = new Label(b, s);
        labels.put(name, l);
        return l;
    }

    private Stmt.Labeled gotoTarget(Block b, String name) {
        Label l = labels.get(name);
        if (l != null) {
            l.used = true;
            for (; b != null; b = b.parent) {
                if (l.parent == b) {
                    return l.lstmt;
                }
            }
        }
        return null;
    }

    private Stmt.Labeled enclosingTarget(Block b, String name) {
        Label l = labels.get(name);
        if (l != null) {
            l.used = true;
            for (; b != null; b = b.parent) {
                if (l.lstmt == b.lstmt) {
                    return l.lstmt;
                }
            }
            return INVALID;
        }
        return null;
    }

    private List<Stmt.Branch> blockBranches(
            Block parent, Targets ctxt, Stmt.Labeled lstmt, Pos start, List<Stmt> body) {
        Block b = new Block(parent, start, lstmt);
        Pos[] varPos = {Pos.NONE};
        String[] varName = {""};
        List<Stmt.Branch> fwdGotos = new ArrayList<>();
        List<Stmt.Branch> badGotos = new ArrayList<>();

        int n = body.size();
        while (n > 0 && body.get(n - 1) instanceof Stmt.Empty) {
            n--;
        }
        List<Stmt> list = body.subList(0, n);
        for (int idx = 0; idx < list.size(); idx++) {
            Stmt stmt = list.get(idx);
            Stmt.Labeled cur = null;
            while (stmt instanceof Stmt.Labeled s) {
                String name = s.label.value;
                if (!name.equals("_")) {
                    Label l = declare(b, s);
                    List<Stmt.Branch> keep = new ArrayList<>();
                    for (Stmt.Branch fwd : fwdGotos) {
                        if (fwd.label.value.equals(name)) {
                            fwd.target = s;
                            l.used = true;
                            if (varPos[0].known() && badGotos.contains(fwd)) {
                                err(
                                        fwd.label.pos,
                                        "goto "
                                                + name
                                                + " jumps over declaration of "
                                                + varName[0]
                                                + " at "
                                                + varPos[0]);
                            }
                        } else {
                            keep.add(fwd);
                        }
                    }
                    fwdGotos = keep;
                    cur = s;
                }
                stmt = s.stmt;
            }
            final Stmt.Labeled self = cur;
            if (stmt instanceof Stmt.DeclStmt d) {
                for (Decl decl : d.decls) {
                    if (decl instanceof Decl.Var v) {
                        varPos[0] = v.pos;
                        varName[0] = v.names.get(0).value;
                        badGotos = new ArrayList<>(fwdGotos);
                        break;
                    }
                }
            } else if (stmt instanceof Stmt.Branch s) {
                branch(s, b, ctxt, idx, list.size(), fwdGotos);
            } else if (stmt instanceof Stmt.Assign s) {
                if (s.op == Operator.DEF) {
                    varPos[0] = s.pos;
                    varName[0] = Printer.string(s.lhs);
                    badGotos = new ArrayList<>(fwdGotos);
                }
            } else if (stmt instanceof Stmt.Block s) {
                fwdGotos.addAll(
                        blockBranches(
                                b,
                                new Targets(ctxt.breaks, ctxt.continues, -1),
                                self,
                                s.pos,
                                s.list));
            } else if (stmt instanceof Stmt.If s) {
                Targets inner = new Targets(ctxt.breaks, ctxt.continues, -1);
                fwdGotos.addAll(blockBranches(b, inner, self, s.then.pos, s.then.list));
                if (s.els != null) {
                    fwdGotos.addAll(blockBranches(b, inner, self, s.els.pos, List.of(s.els)));
                }
            } else if (stmt instanceof Stmt.For s) {
                fwdGotos.addAll(
                        blockBranches(b, new Targets(s, s, -1), self, s.body.pos, s.body.list));
            } else if (stmt instanceof Stmt.Switch s) {
                for (int i = 0; i < s.body.size(); i++) {
                    Stmt.CaseClause cc = s.body.get(i);
                    fwdGotos.addAll(
                            blockBranches(
                                    b, new Targets(s, ctxt.continues, i), self, cc.pos, cc.body));
                }
            } else if (stmt instanceof Stmt.Select s) {
                for (Stmt.CommClause cc : s.body) {
                    fwdGotos.addAll(
                            blockBranches(
                                    b, new Targets(s, ctxt.continues, -1), self, cc.pos, cc.body));
                }
            }
        }
        return fwdGotos;
    }

    private void branch(
            Stmt.Branch s, Block b, Targets ctxt, int idx, int n, List<Stmt.Branch> fwdGotos) {
        if (s.label == null) {
            switch (s.tok) {
                case BREAK -> {
                    if (ctxt.breaks != null) {
                        s.target = ctxt.breaks;
                    } else {
                        err(s.pos, "break is not in a loop, switch, or select");
                    }
                }
                case CONTINUE -> {
                    if (ctxt.continues != null) {
                        s.target = ctxt.continues;
                    } else {
                        err(s.pos, "continue is not in a loop");
                    }
                }
                case FALLTHROUGH -> {
                    String msg = "fallthrough statement out of place";
                    if (ctxt.breaks instanceof Stmt.Switch t) {
                        if (t.tag instanceof Expr.TypeSwitchGuard) {
                            msg = "cannot fallthrough in type switch";
                        } else if (ctxt.caseIndex < 0 || idx + 1 < n) {
                            // fallthrough nested in a block or not the last statement
                        } else if (ctxt.caseIndex + 1 == t.body.size()) {
                            msg = "cannot fallthrough final case in switch";
                        } else {
                            s.target = t;
                            return; // fallthrough ok
                        }
                    }
                    err(s.pos, msg);
                }
                default -> {}
            }
            return;
        }
        String name = s.label.value;
        switch (s.tok) {
            case BREAK -> {
                Stmt.Labeled t = enclosingTarget(b, name);
                if (t != null) {
                    if (t.stmt instanceof Stmt.Switch
                            || t.stmt instanceof Stmt.Select
                            || t.stmt instanceof Stmt.For) {
                        s.target = t.stmt;
                    } else {
                        err(s.label.pos, "invalid break label " + name);
                    }
                } else {
                    err(s.label.pos, "break label not defined: " + name);
                }
            }
            case CONTINUE -> {
                Stmt.Labeled t = enclosingTarget(b, name);
                if (t != null) {
                    if (t.stmt instanceof Stmt.For) {
                        s.target = t.stmt;
                    } else {
                        err(s.label.pos, "invalid continue label " + name);
                    }
                } else {
                    err(s.label.pos, "continue label not defined: " + name);
                }
            }
            case GOTO -> {
                Stmt.Labeled t = gotoTarget(b, name);
                if (t != null) {
                    s.target = t;
                } else {
                    fwdGotos.add(s);
                }
            }
            default -> {}
        }
    }
}
