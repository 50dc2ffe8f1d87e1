package gort.cmd.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Expressions and types, after the middle of syntax/parser.go: operator-precedence parsing of
 * binary expressions, primary expressions with selectors, indexes, slices, calls and composite
 * literals (a '{' after an operand starts a literal only where that is not ambiguous with a block:
 * see {@link #xnest}), and type expressions.
 */
abstract class ExprParser extends ParserBase {

    ExprParser(String source, ErrorHandler errh) {
        super(source, errh);
    }

    /** Parses a function body (the parser layer above knows statements). */
    protected abstract Stmt.Block funcBody();

    protected Expr.Name name() {
        if (tok == Token.NAME) {
            Expr.Name n = new Expr.Name(pos(), lit);
            next();
            return n;
        }
        Expr.Name n = new Expr.Name(pos(), "_");
        syntaxError("expecting name");
        advance();
        return n;
    }

    protected List<Expr.Name> nameList(Expr.Name first) {
        List<Expr.Name> l = new ArrayList<>();
        l.add(first);
        while (got(Token.COMMA)) {
            l.add(name());
        }
        return l;
    }

    protected Expr.Bad badExpr() {
        return new Expr.Bad(pos());
    }

    protected Expr expr() {
        return binaryExpr(null, 0);
    }

    protected Expr exprList() {
        Expr x = expr();
        if (got(Token.COMMA)) {
            List<Expr> list = new ArrayList<>();
            list.add(x);
            list.add(expr());
            while (got(Token.COMMA)) {
                list.add(expr());
            }
            x = new Expr.ListExpr(x.pos, list);
        }
        return x;
    }

    protected Expr binaryExpr(Expr x, int minPrec) {
        if (x == null) {
            x = unaryExpr();
        }
        while ((tok == Token.OPERATOR || tok == Token.STAR) && prec > minPrec) {
            Pos p = pos();
            Operator o = op;
            int tprec = prec;
            next();
            x = new Expr.Operation(p, o, x, binaryExpr(null, tprec));
        }
        return x;
    }

    protected Expr unaryExpr() {
        if (tok == Token.OPERATOR || tok == Token.STAR) {
            switch (op) {
                case MUL, ADD, SUB, NOT, XOR, TILDE -> {
                    Pos p = pos();
                    Operator o = op;
                    next();
                    return new Expr.Operation(p, o, unaryExpr(), null);
                }
                case AND -> {
                    Pos p = pos();
                    next();
                    // &(x) is &x: the parentheses are dropped
                    return new Expr.Operation(p, Operator.AND, Expr.unparen(unaryExpr()), null);
                }
                default -> {}
            }
        } else if (tok == Token.ARROW) {
            Pos p = pos();
            next();
            Expr x = unaryExpr();
            if (x instanceof Expr.ChanType c) {
                // <-chan T: the arrow belongs to the channel type
                Expr.ChanDir dir = Expr.ChanDir.SEND;
                Expr t = c;
                while (dir == Expr.ChanDir.SEND && t instanceof Expr.ChanType ct) {
                    dir = ct.dir;
                    if (dir == Expr.ChanDir.RECV) {
                        syntaxError("unexpected <-, expecting chan");
                    }
                    ct.dir = Expr.ChanDir.RECV;
                    t = ct.elem;
                }
                if (dir == Expr.ChanDir.SEND) {
                    syntaxError("unexpected " + Printer.string(t) + ", expecting chan");
                }
                return x;
            }
            return new Expr.Operation(p, Operator.RECV, x, null);
        }
        return pexpr(null, true);
    }

    protected Expr.BasicLit oliteral() {
        if (tok == Token.LITERAL) {
            Expr.BasicLit b = new Expr.BasicLit(pos(), lit, s.kind, s.bad);
            next();
            return b;
        }
        return null;
    }

    protected Expr operand(boolean keepParens) {
        switch (tok) {
            case NAME:
                return name();
            case LITERAL:
                return oliteral();
            case LPAREN:
                {
                    Pos p = pos();
                    next();
                    xnest++;
                    Expr x = expr();
                    xnest--;
                    want(Token.RPAREN);
                    if (tok == Token.LBRACE) {
                        keepParens = true;
                    }
                    return keepParens ? new Expr.Paren(p, x) : x;
                }
            case FUNC:
                {
                    Pos p = pos();
                    next();
                    Expr.FuncType ftyp = funcType("function type");
                    if (tok == Token.LBRACE) {
                        xnest++;
                        Expr.FuncLit f = new Expr.FuncLit(p, ftyp, funcBody());
                        xnest--;
                        return f;
                    }
                    return ftyp;
                }
            case LBRACK, CHAN, MAP, STRUCT, INTERFACE:
                return type_();
            default:
                {
                    Expr x = badExpr();
                    syntaxError("expecting expression");
                    advance(Token.RPAREN, Token.RBRACK, Token.RBRACE);
                    return x;
                }
        }
    }

    protected Expr pexpr(Expr x, boolean keepParens) {
        if (x == null) {
            x = operand(keepParens);
        }
        loop:
        while (true) {
            Pos p = pos();
            switch (tok) {
                case DOT -> {
                    next();
                    if (tok == Token.NAME) {
                        x = new Expr.Selector(p, x, name());
                    } else if (tok == Token.LPAREN) {
                        next();
                        if (got(Token.TYPE)) {
                            x = new Expr.TypeSwitchGuard(p, x);
                        } else {
                            x = new Expr.Assert(p, x, type_());
                        }
                        want(Token.RPAREN);
                    } else {
                        syntaxError("expecting name or (");
                        advance(Token.SEMI, Token.RPAREN);
                    }
                }
                case LBRACK -> {
                    next();
                    if (tok == Token.RBRACK) {
                        syntaxError("expecting operand");
                        next();
                        break;
                    }
                    Expr i = null;
                    if (tok != Token.COLON) {
                        boolean[] comma = {false};
                        i = typeList(comma);
                        if (comma[0] || tok == Token.RBRACK) {
                            want(Token.RBRACK);
                            x = new Expr.Index(p, x, i);
                            break;
                        }
                    }
                    if (!got(Token.COLON)) {
                        syntaxError("expecting comma, : or ]");
                        advance(Token.COMMA, Token.COLON, Token.RBRACK);
                    }
                    xnest++;
                    Expr.Slice t = new Expr.Slice(p, x);
                    t.lo = i;
                    if (tok != Token.COLON && tok != Token.RBRACK) {
                        t.hi = expr();
                    }
                    if (tok == Token.COLON) {
                        t.full = true;
                        if (t.hi == null) {
                            error("middle index required in 3-index slice");
                            t.hi = badExpr();
                        }
                        next();
                        if (tok != Token.RBRACK) {
                            t.max = expr();
                        } else {
                            error("final index required in 3-index slice");
                            t.max = badExpr();
                        }
                    }
                    xnest--;
                    want(Token.RBRACK);
                    x = t;
                }
                case LPAREN -> {
                    next();
                    xnest++;
                    List<Expr> args = new ArrayList<>();
                    boolean[] dots = {false};
                    Pos rparen =
                            list(
                                    "argument list",
                                    Token.COMMA,
                                    Token.RPAREN,
                                    () -> {
                                        args.add(expr());
                                        dots[0] = got(Token.DOTDOTDOT);
                                        return dots[0];
                                    });
                    xnest--;
                    Expr.Call c = new Expr.Call(p, x, args, dots[0]);
                    c.rparen = rparen;
                    x = c;
                }
                case LBRACE -> {
                    Expr t = Expr.unparen(x);
                    boolean complitOk = false;
                    if (t instanceof Expr.Name || t instanceof Expr.Selector) {
                        complitOk = xnest >= 0;
                    } else if (t instanceof Expr.Index) {
                        complitOk = xnest >= 0 && !isValue(t);
                    } else if (t instanceof Expr.ArrayType
                            || t instanceof Expr.SliceType
                            || t instanceof Expr.StructType
                            || t instanceof Expr.MapType) {
                        complitOk = true;
                    }
                    if (!complitOk) {
                        break loop;
                    }
                    if (t != x) {
                        syntaxError("cannot parenthesize type in composite literal");
                    }
                    Expr.CompositeLit n = complitexpr();
                    n.litType = x;
                    x = n;
                }
                default -> {
                    break loop;
                }
            }
        }
        return x;
    }

    /** Whether x is certainly a value (not a type), for the complit decision after x[i]. */
    private static boolean isValue(Expr x) {
        if (x instanceof Expr.BasicLit
                || x instanceof Expr.CompositeLit
                || x instanceof Expr.FuncLit
                || x instanceof Expr.Slice
                || x instanceof Expr.Assert
                || x instanceof Expr.TypeSwitchGuard
                || x instanceof Expr.Call) {
            return true;
        }
        if (x instanceof Expr.Operation o) {
            return o.op != Operator.MUL || o.y != null;
        }
        if (x instanceof Expr.Paren p) {
            return isValue(p.x);
        }
        if (x instanceof Expr.Index i) {
            return isValue(i.x) || isValue(i.index);
        }
        return false;
    }

    private Expr bareComplitexpr() {
        return tok == Token.LBRACE ? complitexpr() : expr();
    }

    protected Expr.CompositeLit complitexpr() {
        Expr.CompositeLit x = new Expr.CompositeLit(pos());
        xnest++;
        want(Token.LBRACE);
        x.rbrace =
                list(
                        "composite literal",
                        Token.COMMA,
                        Token.RBRACE,
                        () -> {
                            Expr e = bareComplitexpr();
                            if (tok == Token.COLON) {
                                Pos p = pos();
                                next();
                                e = new Expr.KeyValue(p, e, bareComplitexpr());
                                x.nkeys++;
                            }
                            x.elems.add(e);
                            return false;
                        });
        xnest--;
        return x;
    }

    /** An expression, or (for generic instantiation) a comma-separated type list. */
    private Expr typeList(boolean[] comma) {
        xnest++;
        Expr x = expr();
        if (got(Token.COMMA)) {
            comma[0] = true;
            Expr t = typeOrNil();
            if (t != null) {
                List<Expr> list = new ArrayList<>();
                list.add(x);
                list.add(t);
                while (got(Token.COMMA)) {
                    t = typeOrNil();
                    if (t == null) {
                        break;
                    }
                    list.add(t);
                }
                x = new Expr.ListExpr(x.pos, list);
            }
        }
        xnest--;
        return x;
    }

    protected Expr type_() {
        Expr t = typeOrNil();
        if (t == null) {
            t = badExpr();
            syntaxError("expecting type");
            advance(Token.COMMA, Token.COLON, Token.SEMI, Token.RPAREN, Token.RBRACK, Token.RBRACE);
        }
        return t;
    }

    protected Expr typeOrNil() {
        Pos p = pos();
        switch (tok) {
            case STAR -> {
                next();
                return new Expr.Operation(p, Operator.MUL, type_(), null);
            }
            case ARROW -> {
                next();
                want(Token.CHAN);
                return new Expr.ChanType(p, Expr.ChanDir.RECV, chanElem());
            }
            case FUNC -> {
                next();
                return funcType("function type");
            }
            case LBRACK -> {
                next();
                if (got(Token.RBRACK)) {
                    return new Expr.SliceType(p, type_());
                }
                return arrayType(p, null);
            }
            case CHAN -> {
                next();
                Expr.ChanDir dir = got(Token.ARROW) ? Expr.ChanDir.SEND : Expr.ChanDir.BOTH;
                return new Expr.ChanType(p, dir, chanElem());
            }
            case MAP -> {
                next();
                want(Token.LBRACK);
                Expr key = type_();
                want(Token.RBRACK);
                return new Expr.MapType(p, key, type_());
            }
            case STRUCT -> {
                return structType();
            }
            case INTERFACE -> {
                return interfaceType();
            }
            case NAME -> {
                return qualifiedName(null);
            }
            case LPAREN -> {
                next();
                Expr t = type_();
                want(Token.RPAREN);
                return t;
            }
            default -> {
                return null;
            }
        }
    }

    private Expr chanElem() {
        Expr t = typeOrNil();
        if (t == null) {
            t = badExpr();
            syntaxError("missing channel element type");
        }
        return t;
    }

    protected Expr arrayType(Pos p, Expr len) {
        if (len == null && !got(Token.DOTDOTDOT)) {
            xnest++;
            len = expr();
            xnest--;
        }
        if (tok == Token.COMMA) {
            syntaxError("unexpected comma; expecting ]");
            next();
        }
        want(Token.RBRACK);
        return new Expr.ArrayType(p, len, type_());
    }

    protected Expr qualifiedName(Expr.Name name) {
        Expr x;
        if (name != null) {
            x = name;
        } else if (tok == Token.NAME) {
            x = name();
        } else {
            x = new Expr.Name(pos(), "_");
            syntaxError("expecting name");
            advance(Token.DOT, Token.SEMI, Token.RBRACE);
        }
        if (tok == Token.DOT) {
            Pos p = pos();
            next();
            x = new Expr.Selector(p, x, name());
        }
        if (tok == Token.LBRACK) {
            Pos p = pos();
            next();
            Expr idx;
            if (tok == Token.RBRACK) {
                syntaxError("expecting type");
                idx = badExpr();
            } else {
                idx = typeList(new boolean[1]);
            }
            want(Token.RBRACK);
            x = new Expr.Index(p, x, idx);
        }
        return x;
    }

    private Expr.StructType structType() {
        Expr.StructType t = new Expr.StructType(pos());
        want(Token.STRUCT);
        want(Token.LBRACE);
        list(
                "struct type",
                Token.SEMI,
                Token.RBRACE,
                () -> {
                    fieldDecl(t);
                    return false;
                });
        return t;
    }

    private void fieldDecl(Expr.StructType st) {
        Pos p = pos();
        switch (tok) {
            case NAME -> {
                Expr.Name n = name();
                if (tok == Token.DOT
                        || tok == Token.LITERAL
                        || tok == Token.SEMI
                        || tok == Token.RBRACE) {
                    // embedded type
                    Expr t = qualifiedName(n);
                    oliteral();
                    st.fields.add(new Field(p, null, t));
                    return;
                }
                List<Expr.Name> names = nameList(n);
                Expr t = type_();
                oliteral(); // tag
                for (Expr.Name fn : names) {
                    st.fields.add(new Field(fn.pos, fn, t));
                }
            }
            case STAR -> {
                next();
                Expr t;
                if (tok == Token.LPAREN) {
                    syntaxError("cannot parenthesize embedded type");
                    next();
                    t = qualifiedName(null);
                    got(Token.RPAREN);
                } else {
                    t = qualifiedName(null);
                }
                oliteral();
                st.fields.add(new Field(p, null, new Expr.Operation(p, Operator.MUL, t, null)));
            }
            case LPAREN -> {
                syntaxError("cannot parenthesize embedded type");
                next();
                Expr t = qualifiedName(null);
                got(Token.RPAREN);
                oliteral();
                st.fields.add(new Field(p, null, t));
            }
            default -> {
                syntaxError("expecting field name or embedded type");
                advance(Token.SEMI, Token.RBRACE);
            }
        }
    }

    private Expr.InterfaceType interfaceType() {
        Expr.InterfaceType t = new Expr.InterfaceType(pos());
        want(Token.INTERFACE);
        want(Token.LBRACE);
        list(
                "interface type",
                Token.SEMI,
                Token.RBRACE,
                () -> {
                    Pos p = pos();
                    if (tok == Token.NAME) {
                        Expr.Name n = name();
                        if (tok == Token.LPAREN) {
                            t.methods.add(new Field(p, n, funcType("interface method")));
                        } else {
                            t.methods.add(
                                    new Field(
                                            p,
                                            null,
                                            binaryExpr(pexpr(qualifiedName(n), false), 0)));
                        }
                    } else {
                        t.methods.add(new Field(p, null, binaryExpr(null, 0)));
                    }
                    return false;
                });
        return t;
    }

    /** Parses "[type params] (params) results" after "func" (and the name, if any). */
    protected Expr.FuncType funcType(String context) {
        Expr.FuncType t = new Expr.FuncType(pos());
        if (got(Token.LBRACK)) {
            if (!context.isEmpty()) {
                syntaxErrorAt(t.pos, context + " must have no type parameters");
            }
            if (tok == Token.RBRACK) {
                syntaxError("empty type parameter list");
                next();
            } else {
                paramList(null, null, Token.RBRACK, true);
            }
            t.typeParams = true;
        }
        want(Token.LPAREN);
        t.params = paramList(null, null, Token.RPAREN, false);
        t.results = funcResult();
        return t;
    }

    private List<Field> funcResult() {
        if (got(Token.LPAREN)) {
            return paramList(null, null, Token.RPAREN, false);
        }
        Pos p = pos();
        Expr t = typeOrNil();
        List<Field> l = new ArrayList<>();
        if (t != null) {
            l.add(new Field(p, null, t));
        }
        return l;
    }

    private Field paramDeclOrNil(Expr.Name name, Token follow) {
        Pos p = name != null ? name.pos : pos();
        Field f = new Field(p, null, null);
        if (tok == Token.NAME || name != null) {
            if (name == null) {
                name = name();
            }
            if (tok == Token.LBRACK) {
                // name []T, name [N]T, or an instantiated generic type name[T]
                Pos lp = pos();
                next();
                if (got(Token.RBRACK)) {
                    f.name = name;
                    f.type = new Expr.SliceType(lp, type_());
                    return f;
                }
                boolean[] comma = {false};
                Expr n = typeList(comma);
                want(Token.RBRACK);
                Expr elem = comma[0] ? null : typeOrNil();
                if (elem != null) {
                    f.name = name;
                    f.type = new Expr.ArrayType(lp, n, elem);
                } else {
                    f.type = new Expr.Index(lp, name, n);
                }
                return f;
            }
            if (tok == Token.DOT) {
                f.type = qualifiedName(name);
                return f;
            }
            f.name = name;
        }
        if (tok == Token.DOTDOTDOT) {
            Pos dp = pos();
            next();
            Expr elem = typeOrNil();
            if (elem == null) {
                elem = badExpr();
                syntaxError("... is missing type");
            }
            f.type = new Expr.DotsType(dp, elem);
            return f;
        }
        f.type = typeOrNil();
        if (f.name != null || f.type != null) {
            return f;
        }
        syntaxError("expecting " + follow.describe());
        advance(Token.COMMA, follow);
        return null;
    }

    /**
     * Parses a parameter list up to close. Either all parameters are named or none are; in the
     * second case the lone names are types.
     */
    protected List<Field> paramList(Expr.Name name, Expr typ, Token close, boolean requireNames) {
        List<Field> list = new ArrayList<>();
        if (name != null && typ != null && tok == close) {
            next();
            list.add(new Field(name.pos, name, typ));
            return list;
        }
        int[] named = {0};
        int[] typed = {0};
        Expr.Name[] first = {name};
        Expr[] firstType = {typ};
        Pos end =
                list(
                        "parameter list",
                        Token.COMMA,
                        close,
                        () -> {
                            Field par;
                            if (firstType[0] != null) {
                                par = new Field(first[0].pos, first[0], firstType[0]);
                            } else {
                                par = paramDeclOrNil(first[0], close);
                            }
                            first[0] = null;
                            firstType[0] = null;
                            if (par != null) {
                                if (par.name != null && par.type != null) {
                                    named[0]++;
                                }
                                if (par.type != null) {
                                    typed[0]++;
                                }
                                list.add(par);
                            }
                            return false;
                        });
        if (list.isEmpty()) {
            return list;
        }
        if (named[0] == 0 && !requireNames) {
            for (Field par : list) {
                if (par.name != null) {
                    par.type = par.name;
                    par.name = null;
                }
            }
        } else if (named[0] != list.size()) {
            // some named: distribute types from right to left
            Pos errPos = Pos.NONE;
            Expr t = null;
            for (int i = list.size() - 1; i >= 0; i--) {
                Field par = list.get(i);
                if (par.type != null) {
                    t = par.type;
                    if (par.name == null) {
                        errPos = t.start();
                        par.name = new Expr.Name(errPos, "_");
                    }
                } else if (t != null) {
                    par.type = t;
                } else {
                    errPos = par.name.pos;
                    par.type = new Expr.Bad(errPos);
                }
            }
            if (errPos.known()) {
                String msg;
                if (requireNames) {
                    if (named[0] == typed[0]) {
                        errPos = end;
                        msg = "missing type constraint";
                    } else {
                        msg = "type parameters must be named";
                    }
                } else {
                    msg = "mixed named and unnamed parameters";
                }
                syntaxErrorAt(errPos, msg);
            }
        }
        return list;
    }
}
