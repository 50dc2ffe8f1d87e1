package gort.cmd.syntax;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Token handling and error recovery shared by the parser's layers, after the first part of
 * syntax/parser.go: {@code got}/{@code want}, gc's wording of syntax errors ("syntax error:
 * unexpected X, expecting Y"), {@code advance} to a follow set, and comma/semicolon lists.
 */
abstract class ParserBase {
    /** Receives every error the scanner and parser find. */
    interface ErrorHandler {
        void error(Pos pos, String msg);
    }

    /** Keywords that start a statement: synchronization points inside function bodies. */
    private static final Set<Token> STOPSET =
            EnumSet.of(
                    Token.BREAK,
                    Token.CONST,
                    Token.CONTINUE,
                    Token.DEFER,
                    Token.FALLTHROUGH,
                    Token.FOR,
                    Token.GO,
                    Token.GOTO,
                    Token.IF,
                    Token.RETURN,
                    Token.SELECT,
                    Token.SWITCH,
                    Token.TYPE,
                    Token.VAR);

    protected final Scanner s;
    private final ErrorHandler errh;
    protected boolean anyError; // p.first != nil
    protected int errcnt;
    protected int fnest; // function nesting level (for error recovery)
    protected int xnest; // expression nesting level (for complit ambiguity resolution)

    // current token, copied from the scanner
    protected Token tok;
    protected String lit;
    protected Operator op;
    protected int prec;

    ParserBase(String source, ErrorHandler errh) {
        this.errh = errh;
        this.s = new Scanner(source, (line, col, msg) -> errorAt(new Pos(line, col), msg));
    }

    protected void next() {
        s.next();
        tok = s.tok;
        lit = s.lit;
        op = s.op;
        prec = s.prec;
    }

    protected Pos pos() {
        return new Pos(s.line, s.col);
    }

    protected boolean got(Token t) {
        if (tok == t) {
            next();
            return true;
        }
        return false;
    }

    protected void want(Token t) {
        if (!got(t)) {
            syntaxError("expecting " + t.describe());
            advance();
        }
    }

    /** Like got(ASSIGN) but also accepts ":=" (reporting it) for better recovery. */
    protected boolean gotAssign() {
        if (tok == Token.DEFINE) {
            syntaxError("expecting =");
            next();
            return true;
        }
        if (tok == Token.ASSIGN) {
            next();
            return true;
        }
        return false;
    }

    protected void errorAt(Pos pos, String msg) {
        anyError = true;
        errcnt++;
        errh.error(pos, msg);
    }

    protected void error(String msg) {
        errorAt(pos(), msg);
    }

    protected void syntaxError(String msg) {
        syntaxErrorAt(pos(), msg);
    }

    /**
     * Reports "syntax error: ..." at pos. Messages starting with "in ", "at ", "after " or
     * "expecting " get "unexpected TOKEN" prepended, describing the current token as gc does.
     */
    protected void syntaxErrorAt(Pos pos, String msg) {
        if (tok == Token.EOF && anyError) {
            return; // avoid meaningless follow-up errors
        }
        if (msg.startsWith("in ") || msg.startsWith("at ") || msg.startsWith("after ")) {
            msg = " " + msg;
        } else if (msg.startsWith("expecting ")) {
            msg = ", " + msg;
        } else if (!msg.isEmpty()) {
            errorAt(pos, "syntax error: " + msg);
            return;
        }
        String t =
                switch (tok) {
                    case NAME, SEMI -> lit;
                    case LITERAL -> "literal " + lit;
                    case OPERATOR -> op.text;
                    case ASSIGN_OP -> op.text + "=";
                    case INC_OP -> op.text + op.text;
                    default -> tok.describe();
                };
        errorAt(pos, "syntax error: unexpected " + t + msg);
    }

    /**
     * Skips tokens until one in the follow list (or, inside a function, a statement keyword); with
     * an empty list, skips exactly one token.
     */
    protected void advance(Token... followlist) {
        if (followlist.length == 0) {
            if (tok != Token.EOF) {
                next();
            }
            return;
        }
        Set<Token> follow = EnumSet.of(Token.EOF, followlist);
        if (fnest > 0) {
            follow.addAll(STOPSET);
        }
        while (!follow.contains(tok)) {
            next();
        }
    }

    /**
     * Parses {@code [ f { sep f } [sep] ] close}; f returns true to stop. Returns the position of
     * the closing token.
     */
    protected Pos list(String context, Token sep, Token close, BooleanSupplier f) {
        boolean done = false;
        while (tok != Token.EOF && tok != close && !done) {
            done = f.getAsBoolean();
            if (!got(sep) && tok != close) {
                syntaxError(
                        "in "
                                + context
                                + "; possibly missing "
                                + sep.describe()
                                + " or "
                                + close.describe());
                advance(Token.RPAREN, Token.RBRACK, Token.RBRACE);
                if (tok != close) {
                    return pos();
                }
            }
        }
        Pos p = pos();
        want(close);
        return p;
    }
}
