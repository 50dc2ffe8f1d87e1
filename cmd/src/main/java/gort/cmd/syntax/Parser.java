package gort.cmd.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Go's parser for one file, a hand-written recursive descent after syntax/parser.go: the file,
 * declarations and statements here; expressions and types in {@link ExprParser}; tokens and
 * recovery in {@link ParserBase}. Errors go to the handler with gc's wording; after a function body
 * parsed cleanly, {@link Branches} checks its labels, break and continue as gc does.
 */
public final class Parser extends ExprParser {

    /** Receives every error the scanner, parser and branch checker find. */
    public interface Errors {
        void error(Pos pos, String msg);
    }

    private final Errors errors;

    private Parser(String source, Errors errors) {
        super(source, errors::error);
        this.errors = errors;
    }

    /** Parses a file; returns null when the package clause is missing or malformed. */
    public static SourceFile parse(String source, Errors errors) {
        Parser p = new Parser(source, errors);
        p.next();
        return p.fileOrNil();
    }

    private SourceFile fileOrNil() {
        SourceFile f = new SourceFile(pos());
        if (!got(Token.PACKAGE)) {
            syntaxError("package statement must be first");
            return null;
        }
        f.pkgName = name();
        want(Token.SEMI);
        if (anyError) {
            return null; // don't bother continuing if the package clause has errors
        }
        while (got(Token.IMPORT)) {
            appendGroup(f.decls, this::importDecl);
            want(Token.SEMI);
        }
        while (tok != Token.EOF) {
            switch (tok) {
                case CONST -> {
                    next();
                    appendGroup(f.decls, this::constDecl);
                }
                case TYPE -> {
                    next();
                    appendGroup(f.decls, this::typeDecl);
                }
                case VAR -> {
                    next();
                    appendGroup(f.decls, this::varDecl);
                }
                case FUNC -> {
                    next();
                    Decl.Func d = funcDeclOrNil();
                    if (d != null) {
                        f.decls.add(d);
                    }
                }
                default -> {
                    if (tok == Token.LBRACE
                            && !f.decls.isEmpty()
                            && f.decls.get(f.decls.size() - 1) instanceof Decl.Func fd
                            && fd.body == null) {
                        syntaxError("unexpected semicolon or newline before {");
                    } else {
                        syntaxError("non-declaration statement outside function body");
                    }
                    advance(Token.CONST, Token.TYPE, Token.VAR, Token.FUNC);
                    continue;
                }
            }
            if (tok != Token.EOF && !got(Token.SEMI)) {
                syntaxError("after top level declaration");
                advance(Token.CONST, Token.TYPE, Token.VAR, Token.FUNC);
            }
        }
        f.eof = pos();
        return f;
    }

    /** f | "(" { f ";" } ")" */
    private void appendGroup(List<Decl> list, Function<Decl.Group, Decl> f) {
        if (tok == Token.LPAREN) {
            Decl.Group g = new Decl.Group();
            next();
            list(
                    "grouped declaration",
                    Token.SEMI,
                    Token.RPAREN,
                    () -> {
                        Decl d = f.apply(g);
                        if (d != null) {
                            list.add(d);
                        }
                        return false;
                    });
        } else {
            Decl d = f.apply(null);
            if (d != null) {
                list.add(d);
            }
        }
    }

    private Decl importDecl(Decl.Group g) {
        Decl.Import d = new Decl.Import(pos(), g);
        if (tok == Token.NAME) {
            d.localName = name();
        } else if (tok == Token.DOT) {
            d.localName = new Expr.Name(pos(), ".");
            next();
        }
        d.path = oliteral();
        if (d.path == null) {
            syntaxError("missing import path");
            advance(Token.SEMI, Token.RPAREN);
            return d;
        }
        if (!d.path.bad && d.path.kind != LitKind.STRING) {
            syntaxError("import path must be a string");
        }
        return d;
    }

    private Decl constDecl(Decl.Group g) {
        Decl.Const d = new Decl.Const(pos(), g);
        d.names = nameList(name());
        if (tok != Token.EOF && tok != Token.SEMI && tok != Token.RPAREN) {
            d.type = typeOrNil();
            if (gotAssign()) {
                d.values = exprList();
            }
        }
        return d;
    }

    private Decl typeDecl(Decl.Group g) {
        Decl.Type d = new Decl.Type(pos(), g);
        d.name = name();
        if (tok == Token.LBRACK) {
            // array type, or a generic type's parameter list
            Pos p = pos();
            next();
            if (tok == Token.NAME) {
                Expr x = name();
                if (tok != Token.LBRACK) {
                    xnest++;
                    x = binaryExpr(pexpr(x, false), 0);
                    xnest--;
                }
                if (x instanceof Expr.Name && tok != Token.RBRACK) {
                    d.typeParams = true;
                    paramList((Expr.Name) x, null, Token.RBRACK, true);
                    d.alias = gotAssign();
                    d.type = typeOrNil();
                } else {
                    d.type = arrayType(p, x);
                }
            } else if (tok == Token.RBRACK) {
                next();
                d.type = new Expr.SliceType(p, type_());
            } else {
                d.type = arrayType(p, null);
            }
        } else {
            d.alias = gotAssign();
            d.type = typeOrNil();
        }
        if (d.type == null) {
            d.type = badExpr();
            syntaxError("in type declaration");
            advance(Token.SEMI, Token.RPAREN);
        }
        return d;
    }

    private Decl varDecl(Decl.Group g) {
        Decl.Var d = new Decl.Var(pos(), g);
        d.names = nameList(name());
        if (gotAssign()) {
            d.values = exprList();
        } else {
            d.type = type_();
            if (gotAssign()) {
                d.values = exprList();
            }
        }
        return d;
    }

    private Decl.Func funcDeclOrNil() {
        Decl.Func f = new Decl.Func(pos());
        if (got(Token.LPAREN)) {
            List<Field> rcvr = paramList(null, null, Token.RPAREN, false);
            if (rcvr.isEmpty()) {
                error("method has no receiver");
            } else {
                if (rcvr.size() > 1) {
                    error("method has multiple receivers");
                }
                f.recv = rcvr.get(0);
            }
        }
        if (tok != Token.NAME) {
            syntaxError("expecting name or (");
            advance(Token.LBRACE, Token.SEMI);
            return null;
        }
        f.name = name();
        f.type = funcType(f.recv != null ? "method" : "");
        f.typeParams = f.type.typeParams;
        if (tok == Token.LBRACE) {
            f.body = funcBody();
        }
        return f;
    }

    @Override
    protected Stmt.Block funcBody() {
        fnest++;
        int before = errcnt;
        Stmt.Block body = blockStmt("");
        fnest--;
        if (before == errcnt) {
            Branches.check(body, errors);
        }
        return body;
    }

    // ---------------------------------------------------------------------------------------------
    // Statements

    private Stmt simpleStmt(Expr lhs, Token keyword) {
        if (keyword == Token.FOR && tok == Token.RANGE) {
            return rangeClause(null, false);
        }
        if (lhs == null) {
            lhs = exprList();
        }
        if (!(lhs instanceof Expr.ListExpr) && tok != Token.ASSIGN && tok != Token.DEFINE) {
            Pos p = pos();
            switch (tok) {
                case ASSIGN_OP -> {
                    Operator o = op;
                    next();
                    return new Stmt.Assign(p, o, lhs, expr());
                }
                case INC_OP -> {
                    Operator o = op;
                    next();
                    return new Stmt.Assign(p, o, lhs, null);
                }
                case ARROW -> {
                    next();
                    return new Stmt.Send(p, lhs, expr());
                }
                default -> {
                    return new Stmt.ExprStmt(lhs.pos, lhs);
                }
            }
        }
        if (tok == Token.ASSIGN || tok == Token.DEFINE) {
            Pos p = pos();
            Operator o = tok == Token.DEFINE ? Operator.DEF : null;
            next();
            if (keyword == Token.FOR && tok == Token.RANGE) {
                return rangeClause(lhs, o == Operator.DEF);
            }
            Expr rhs = exprList();
            if (rhs instanceof Expr.TypeSwitchGuard g
                    && keyword == Token.SWITCH
                    && o == Operator.DEF
                    && lhs instanceof Expr.Name n) {
                g.lhs = n;
                return new Stmt.ExprStmt(g.pos, g);
            }
            return new Stmt.Assign(p, o, lhs, rhs);
        }
        syntaxError("expecting := or = or comma");
        advance(Token.SEMI, Token.RBRACE);
        if (lhs instanceof Expr.ListExpr l) {
            lhs = l.elems.get(0);
        }
        return new Stmt.ExprStmt(lhs.pos, lhs);
    }

    private Stmt.Range rangeClause(Expr lhs, boolean def) {
        Pos p = pos();
        next(); // range
        return new Stmt.Range(p, lhs, def, expr());
    }

    private Stmt labeledStmtOrNil(Expr.Name label) {
        Stmt.Labeled s = new Stmt.Labeled(pos(), label);
        want(Token.COLON);
        if (tok == Token.RBRACE) {
            // a label at the end of a block labels an empty statement
            s.stmt = new Stmt.Empty(pos());
            return s;
        }
        s.stmt = stmtOrNil();
        if (s.stmt != null) {
            return s;
        }
        syntaxErrorAt(s.pos, "missing statement after label");
        return null;
    }

    private Stmt.Block blockStmt(String context) {
        Stmt.Block s = new Stmt.Block(pos());
        if (!got(Token.LBRACE)) {
            syntaxError("expecting { after " + context);
            advance(Token.NAME, Token.RBRACE);
            s.rbrace = pos();
            if (got(Token.RBRACE)) {
                return s;
            }
        }
        s.list.addAll(stmtList());
        s.rbrace = pos();
        want(Token.RBRACE);
        return s;
    }

    private Stmt declStmt(Function<Decl.Group, Decl> f) {
        Pos p = pos();
        next(); // const, type or var
        List<Decl> decls = new ArrayList<>();
        appendGroup(decls, f);
        return new Stmt.DeclStmt(p, decls);
    }

    private Stmt forStmt() {
        Stmt.For s = new Stmt.For(pos());
        Header h = header(Token.FOR);
        s.init = h.init();
        s.cond = h.cond();
        s.post = h.post();
        s.body = blockStmt("for clause");
        return s;
    }

    /** The header of an if, for or switch statement. */
    private record Header(Stmt init, Expr cond, Stmt post) {}

    private Header header(Token keyword) {
        want(keyword);
        if (tok == Token.LBRACE) {
            Expr cond = null;
            if (keyword == Token.IF) {
                syntaxError("missing condition in if statement");
                cond = badExpr();
            }
            return new Header(null, cond, null);
        }
        int outer = xnest;
        xnest = -1;
        Stmt init = null;
        Stmt post = null;
        Expr cond = null;
        if (tok != Token.SEMI) {
            if (got(Token.VAR)) {
                syntaxError(
                        "var declaration not allowed in " + keyword.describe() + " initializer");
            }
            init = simpleStmt(null, keyword);
            if (init instanceof Stmt.Range) {
                xnest = outer;
                return new Header(init, null, null);
            }
        }
        Stmt condStmt = null;
        Pos semiPos = Pos.NONE;
        String semiLit = "";
        if (tok != Token.LBRACE) {
            if (tok == Token.SEMI) {
                semiPos = pos();
                semiLit = lit;
                next();
            } else {
                want(Token.LBRACE);
                if (tok != Token.LBRACE) {
                    advance(Token.LBRACE, Token.RBRACE);
                }
            }
            if (keyword == Token.FOR) {
                boolean done = false;
                if (tok != Token.SEMI) {
                    if (tok == Token.LBRACE) {
                        syntaxError("expecting for loop condition");
                        done = true;
                    } else {
                        condStmt = simpleStmt(null, null);
                    }
                }
                if (!done) {
                    want(Token.SEMI);
                    if (tok != Token.LBRACE) {
                        post = simpleStmt(null, null);
                        if (post instanceof Stmt.Assign a && a.op == Operator.DEF) {
                            syntaxErrorAt(a.pos, "cannot declare in post statement of for loop");
                        }
                    }
                }
            } else if (tok != Token.LBRACE) {
                condStmt = simpleStmt(null, keyword);
            }
        } else {
            condStmt = init;
            init = null;
        }
        if (condStmt == null) {
            if (keyword == Token.IF && semiPos.known()) {
                if (!semiLit.equals("semicolon")) {
                    syntaxErrorAt(
                            semiPos, "unexpected " + semiLit + ", expecting { after if clause");
                } else {
                    syntaxErrorAt(semiPos, "missing condition in if statement");
                }
                cond = new Expr.Bad(semiPos);
            }
        } else if (condStmt instanceof Stmt.ExprStmt es) {
            cond = es.x;
        } else {
            String str;
            if (condStmt instanceof Stmt.Assign as && as.op == null) {
                str =
                        "assignment ("
                                + Printer.string(as.lhs)
                                + ") = ("
                                + Printer.string(as.rhs)
                                + ")";
            } else {
                str = Printer.string(condStmt);
            }
            syntaxErrorAt(condStmt.pos, "cannot use " + str + " as value");
        }
        xnest = outer;
        return new Header(init, cond, post);
    }

    private Stmt.If ifStmt() {
        Stmt.If s = new Stmt.If(pos());
        Header h = header(Token.IF);
        s.init = h.init();
        s.cond = h.cond();
        s.then = blockStmt("if clause");
        if (got(Token.ELSE)) {
            if (tok == Token.IF) {
                s.els = ifStmt();
            } else if (tok == Token.LBRACE) {
                s.els = blockStmt("");
            } else {
                syntaxError("else must be followed by if or statement block");
                advance(Token.NAME, Token.RBRACE);
            }
        }
        return s;
    }

    private Stmt.Switch switchStmt() {
        Stmt.Switch s = new Stmt.Switch(pos());
        Header h = header(Token.SWITCH);
        s.init = h.init();
        s.tag = h.cond();
        if (!got(Token.LBRACE)) {
            syntaxError("missing { after switch clause");
            advance(Token.CASE, Token.DEFAULT, Token.RBRACE);
        }
        while (tok != Token.EOF && tok != Token.RBRACE) {
            s.body.add(caseClause());
        }
        s.rbrace = pos();
        want(Token.RBRACE);
        return s;
    }

    private Stmt.Select selectStmt() {
        Stmt.Select s = new Stmt.Select(pos());
        want(Token.SELECT);
        if (!got(Token.LBRACE)) {
            syntaxError("missing { after select clause");
            advance(Token.CASE, Token.DEFAULT, Token.RBRACE);
        }
        while (tok != Token.EOF && tok != Token.RBRACE) {
            s.body.add(commClause());
        }
        s.rbrace = pos();
        want(Token.RBRACE);
        return s;
    }

    private Stmt.CaseClause caseClause() {
        Stmt.CaseClause c = new Stmt.CaseClause(pos());
        if (tok == Token.CASE) {
            next();
            c.cases = exprList();
        } else if (tok == Token.DEFAULT) {
            next();
        } else {
            syntaxError("expecting case or default or }");
            advance(Token.COLON, Token.CASE, Token.DEFAULT, Token.RBRACE);
        }
        c.colon = pos();
        want(Token.COLON);
        c.body = stmtList();
        return c;
    }

    private Stmt.CommClause commClause() {
        Stmt.CommClause c = new Stmt.CommClause(pos());
        if (tok == Token.CASE) {
            next();
            c.comm = simpleStmt(null, null);
        } else if (tok == Token.DEFAULT) {
            next();
        } else {
            syntaxError("expecting case or default or }");
            advance(Token.COLON, Token.CASE, Token.DEFAULT, Token.RBRACE);
        }
        c.colon = pos();
        want(Token.COLON);
        c.body = stmtList();
        return c;
    }

    private Stmt callStmt() {
        Stmt.CallStmt s = new Stmt.CallStmt(pos(), tok);
        next();
        Expr x = pexpr(null, tok == Token.LPAREN);
        Expr t = Expr.unparen(x);
        if (t != x) {
            errorAt(x.pos, "expression in " + s.tok.text + " must not be parenthesized");
            x = t;
        }
        if (x instanceof Expr.Call c) {
            s.call = c;
        } else {
            errorAt(x.pos, "expression in " + s.tok.text + " must be function call");
            s.call = new Expr.Call(x.pos, x, new ArrayList<>(), false);
        }
        return s;
    }

    private Stmt stmtOrNil() {
        if (tok == Token.NAME) {
            Expr lhs = exprList();
            if (lhs instanceof Expr.Name label && tok == Token.COLON) {
                return labeledStmtOrNil(label);
            }
            return simpleStmt(lhs, null);
        }
        switch (tok) {
            case VAR:
                return declStmt(this::varDecl);
            case CONST:
                return declStmt(this::constDecl);
            case TYPE:
                return declStmt(this::typeDecl);
            case LBRACE:
                return blockStmt("");
            case OPERATOR, STAR:
                switch (op) {
                    case ADD, SUB, MUL, AND, XOR, NOT:
                        return simpleStmt(null, null);
                    default:
                        return null;
                }
            case LITERAL, FUNC, LPAREN, LBRACK, STRUCT, MAP, CHAN, INTERFACE, ARROW:
                return simpleStmt(null, null);
            case FOR:
                return forStmt();
            case SWITCH:
                return switchStmt();
            case SELECT:
                return selectStmt();
            case IF:
                return ifStmt();
            case FALLTHROUGH:
                {
                    Stmt.Branch s = new Stmt.Branch(pos(), Token.FALLTHROUGH);
                    next();
                    return s;
                }
            case BREAK, CONTINUE:
                {
                    Stmt.Branch s = new Stmt.Branch(pos(), tok);
                    next();
                    if (tok == Token.NAME) {
                        s.label = name();
                    }
                    return s;
                }
            case GO, DEFER:
                return callStmt();
            case GOTO:
                {
                    Stmt.Branch s = new Stmt.Branch(pos(), Token.GOTO);
                    next();
                    s.label = name();
                    return s;
                }
            case RETURN:
                {
                    Stmt.Return s = new Stmt.Return(pos());
                    next();
                    if (tok != Token.SEMI && tok != Token.RBRACE) {
                        s.results = exprList();
                    }
                    return s;
                }
            case SEMI:
                return new Stmt.Empty(pos());
            default:
                return null;
        }
    }

    private List<Stmt> stmtList() {
        List<Stmt> l = new ArrayList<>();
        while (tok != Token.EOF
                && tok != Token.RBRACE
                && tok != Token.CASE
                && tok != Token.DEFAULT) {
            Stmt s = stmtOrNil();
            if (s == null) {
                break;
            }
            l.add(s);
            if (!got(Token.SEMI) && tok != Token.RBRACE) {
                syntaxError("at end of statement");
                advance(Token.SEMI, Token.RBRACE, Token.CASE, Token.DEFAULT);
                got(Token.SEMI);
            }
        }
        return l;
    }
}
