package gort.cmd.types;

import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Pos;
import gort.cmd.syntax.Printer;

/** The result of checking an expression (types2's operand). */
final class Operand {
    enum Mode {
        INVALID("invalid operand"),
        NOVALUE("no value"),
        BUILTIN("built-in"),
        TYPEXPR("type"),
        CONSTANT("constant"),
        VARIABLE("variable"),
        VALUE("value"),
        NILVALUE("nil"),
        COMMAOK("comma, ok expression");

        final String text;

        Mode(String text) {
            this.text = text;
        }
    }

    Mode mode = Mode.INVALID;
    Expr expr;
    Type type = Types.INVALID;
    Constant val;
    Obj.BuiltinId builtin;

    Operand() {}

    Operand copy() {
        Operand o = new Operand();
        o.mode = mode;
        o.expr = expr;
        o.type = type;
        o.val = val;
        o.builtin = builtin;
        return o;
    }

    void set(Operand o) {
        mode = o.mode;
        expr = o.expr;
        type = o.type;
        val = o.val;
        builtin = o.builtin;
    }

    boolean invalid() {
        return mode == Mode.INVALID;
    }

    boolean isNil() {
        return mode == Mode.NILVALUE;
    }

    /** Where errors about this operand are reported: the start of its expression. */
    Pos pos() {
        return expr == null ? Pos.NONE : expr.start();
    }

    /**
     * types2's operandString: e.g. {@code x (variable of type int)}, {@code 300 (untyped int
     * constant)}.
     */
    @Override
    public String toString() {
        if (mode == Mode.NILVALUE) {
            if (type == Types.UNTYPED_NIL || type == null) {
                return "nil";
            }
            return "nil (of type " + type + ")";
        }
        StringBuilder b = new StringBuilder();
        String ex = "";
        if (expr != null) {
            ex = Printer.string(expr);
        } else if (mode == Mode.BUILTIN) {
            ex = builtin.goName;
        } else if (mode == Mode.TYPEXPR) {
            ex = type.toString();
        } else if (mode == Mode.CONSTANT) {
            ex = val.toString();
        }
        if (!ex.isEmpty()) {
            b.append(ex).append(" (");
        }
        boolean hasType = false;
        switch (mode) {
            case INVALID, NOVALUE, BUILTIN, TYPEXPR -> {}
            default -> {
                if (type != null) {
                    if (Types.isUntyped(type)) {
                        b.append(((Type.Basic) type).name).append(' ');
                    } else {
                        hasType = true;
                    }
                }
            }
        }
        b.append(mode.text);
        if (mode == Mode.CONSTANT && val != null) {
            String s = val.toString();
            if (!s.equals(ex)) {
                b.append(' ').append(s);
            }
        }
        if (hasType) {
            if (type != Types.INVALID) {
                b.append(" of type ").append(type);
            } else {
                b.append(" with invalid type");
            }
        }
        if (!ex.isEmpty()) {
            b.append(')');
        }
        return b.toString();
    }
}
