package gort.cmd.syntax;

/**
 * Tokens of Go's syntax package (tokens.go). {@link #text} is what gc's error messages print for
 * the token ("name", "literal", "op", ...); {@link #describe()} is tokstring.
 */
public enum Token {
    EOF("EOF"),
    NAME("name"),
    LITERAL("literal"),
    OPERATOR("op"),
    ASSIGN_OP("op="),
    INC_OP("opop"),
    ASSIGN("="),
    DEFINE(":="),
    ARROW("<-"),
    STAR("*"),
    LPAREN("("),
    LBRACK("["),
    LBRACE("{"),
    RPAREN(")"),
    RBRACK("]"),
    RBRACE("}"),
    COMMA(","),
    SEMI(";"),
    COLON(":"),
    DOT("."),
    DOTDOTDOT("..."),
    BREAK("break"),
    CASE("case"),
    CHAN("chan"),
    CONST("const"),
    CONTINUE("continue"),
    DEFAULT("default"),
    DEFER("defer"),
    ELSE("else"),
    FALLTHROUGH("fallthrough"),
    FOR("for"),
    FUNC("func"),
    GO("go"),
    GOTO("goto"),
    IF("if"),
    IMPORT("import"),
    INTERFACE("interface"),
    MAP("map"),
    PACKAGE("package"),
    RANGE("range"),
    RETURN("return"),
    SELECT("select"),
    STRUCT("struct"),
    SWITCH("switch"),
    TYPE("type"),
    VAR("var");

    public final String text;

    Token(String text) {
        this.text = text;
    }

    /** tokstring: the English word for selected punctuation in error messages. */
    public String describe() {
        return switch (this) {
            case COMMA -> "comma";
            case SEMI -> "semicolon or newline";
            default -> text;
        };
    }

    /** The keyword spelled {@code s}, or null. */
    public static Token keyword(String s) {
        for (Token t : values()) {
            if (t.ordinal() >= BREAK.ordinal() && t.text.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
