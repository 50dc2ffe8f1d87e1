package gort.cmd.types;

import gort.cmd.diag.ErrorSink;
import gort.cmd.syntax.Expr;
import gort.cmd.syntax.Operator;
import gort.cmd.syntax.Pos;
import gort.cmd.types.Operand.Mode;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Untyped values and the rules that give them types (types2's expr.go conversion parts,
 * operand.go's assignableTo, conversions.go): representability of constants per type size, implicit
 * conversion of untyped operands, assignability with gc's "cannot use ... as type ... in ..."
 * messages, and explicit conversions. Untyped expressions are recorded provisionally and get their
 * final type when the context decides it.
 */
abstract class Conversions extends TypeResolver {

    private record Untyped(Mode mode, Type type, Constant val, boolean isLhs) {}

    /** Untyped expressions whose final type is not known yet. */
    final Map<Expr, Untyped> untyped = new IdentityHashMap<>();

    Conversions(ErrorSink sink, int ptrSize) {
        super(sink, ptrSize);
    }

    /** Records x's type and value on its expression (untyped ones provisionally). */
    void record(Operand x) {
        Expr e = x.expr;
        if (e == null || x.invalid()) {
            return;
        }
        if (x.mode == Mode.TYPEXPR) {
            e.type = x.type;
            e.isType = true;
            return;
        }
        if (Types.isUntyped(x.type)) {
            untyped.put(e, new Untyped(x.mode, x.type, x.val, false));
        } else {
            e.type = x.type;
            e.value = x.mode == Mode.CONSTANT ? x.val : null;
        }
    }

    /** Gives the still-untyped expressions their default types (at the end of checking). */
    void recordUntyped() {
        for (Map.Entry<Expr, Untyped> en : untyped.entrySet()) {
            Expr e = en.getKey();
            Untyped u = en.getValue();
            e.type = u.type == Types.UNTYPED_NIL ? u.type : Types.defaultType(u.type);
            e.value = u.val;
        }
        untyped.clear();
    }

    void singleValue(Operand x) {
        if (x.mode == Mode.VALUE && x.type instanceof Type.Tuple) {
            error(x, "multiple-value " + x + " in single-value context");
            x.mode = Mode.INVALID;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Constants and untyped values

    /** Whether the constant fits typ (types2's representableConst), for integers by size. */
    boolean representableConst(Constant v, Type.Basic typ) {
        if (v.kind == Constant.Kind.UNKNOWN) {
            return true;
        }
        if (typ.isInteger()) {
            if (v.kind != Constant.Kind.INT) {
                return false;
            }
            if (typ.isUntyped()) {
                return true;
            }
            BigInteger x = v.intValue();
            int bits = typ.size(ptrSize) * 8;
            if (typ.isUnsigned()) {
                return x.signum() >= 0 && x.bitLength() <= bits;
            }
            return x.bitLength() <= bits - 1;
        }
        if (typ.isString()) {
            return v.kind == Constant.Kind.STRING;
        }
        if (typ.isBoolean()) {
            return v.kind == Constant.Kind.BOOL;
        }
        return false;
    }

    enum Code {
        OK,
        TRUNCATED,
        OVERFLOW,
        INVALID_CONST,
        INVALID_UNTYPED
    }

    Code representation(Operand x, Type.Basic typ) {
        if (!representableConst(x.val, typ)) {
            if (Types.isNumeric(x.type) && typ.isNumeric()) {
                return Code.OVERFLOW;
            }
            return Code.INVALID_CONST;
        }
        return Code.OK;
    }

    void representable(Operand x, Type.Basic typ) {
        Code c = representation(x, typ);
        if (c != Code.OK) {
            invalidConversion(c, x, typ);
            x.mode = Mode.INVALID;
        }
    }

    void invalidConversion(Code code, Operand x, Type target) {
        String msg =
                switch (code) {
                    case TRUNCATED -> x + " truncated to " + target;
                    case OVERFLOW -> x + " overflows " + target;
                    default -> "cannot convert " + x + " to " + target;
                };
        error(x, msg);
    }

    /** After constant folding: untyped results may not exceed 512 bits; typed ones must fit. */
    void overflow(Operand x, Pos opPos) {
        if (x.val.kind == Constant.Kind.UNKNOWN) {
            error(opPos, "constant result is not representable");
            return;
        }
        if (Types.isTyped(x.type)) {
            representable(x, (Type.Basic) x.type.underlying());
            return;
        }
        if (x.val.kind == Constant.Kind.INT && x.val.bitLen() > 512) {
            String name = opName(x.expr);
            error(opPos, "constant " + name + " overflow");
            x.val = Constant.UNKNOWN;
        }
    }

    private static String opName(Expr e) {
        if (e instanceof Expr.Operation o) {
            if (o.y == null) {
                return o.op == Operator.XOR ? "bitwise complement" : "";
            }
            return switch (o.op) {
                case ADD -> "addition";
                case SUB -> "subtraction";
                case XOR -> "bitwise XOR";
                case MUL -> "multiplication";
                case SHL -> "shift";
                default -> "";
            };
        }
        return "";
    }

    static Pos opPos(Expr e) {
        return e instanceof Expr.Operation o ? o.pos : e.start();
    }

    /** Converts an untyped operand to target (types2's convertUntyped). */
    void convertUntyped(Operand x, Type target) {
        Object[] res = implicitTypeAndValue(x, target);
        Code code = (Code) res[2];
        if (code != Code.OK) {
            invalidConversion(code, x, target.underlying());
            x.mode = Mode.INVALID;
            return;
        }
        if (res[1] != null) {
            x.val = (Constant) res[1];
            updateExprVal(x.expr, x.val);
        }
        Type newType = (Type) res[0];
        if (newType != x.type) {
            x.type = newType;
            updateExprType(x.expr, newType, false);
        }
    }

    /** {newType, newValue or null, Code}: the type an untyped x takes in target's context. */
    Object[] implicitTypeAndValue(Operand x, Type target) {
        if (x.invalid() || Types.isTyped(x.type) || target == Types.INVALID) {
            return new Object[] {x.type, null, Code.OK};
        }
        if (Types.isUntyped(target)) {
            Type.Basic xb = (Type.Basic) x.type;
            Type.Basic tb = (Type.Basic) target;
            if (xb.isNumeric() && tb.isNumeric()) {
                if (xb.kind.ordinal() < tb.kind.ordinal()) {
                    return new Object[] {target, null, Code.OK};
                }
            } else if (xb.kind != tb.kind) {
                return new Object[] {null, null, Code.INVALID_UNTYPED};
            }
            return new Object[] {x.type, null, Code.OK};
        }
        if (x.isNil()) {
            if (Types.hasNil(target)) {
                return new Object[] {target, null, Code.OK};
            }
            return new Object[] {null, null, Code.INVALID_UNTYPED};
        }
        Type u = target.underlying();
        if (u instanceof Type.Basic b) {
            if (x.mode == Mode.CONSTANT) {
                Code c = representation(x, b);
                if (c != Code.OK) {
                    return new Object[] {null, null, c};
                }
                return new Object[] {target, x.val, Code.OK};
            }
            Type.Basic xb = (Type.Basic) x.type;
            boolean ok =
                    switch (xb.kind) {
                        case UNTYPED_BOOL -> b.isBoolean();
                        case UNTYPED_INT, UNTYPED_RUNE, UNTYPED_FLOAT -> b.isNumeric();
                        case UNTYPED_STRING -> b.isString();
                        default -> false;
                    };
            if (!ok) {
                return new Object[] {null, null, Code.INVALID_UNTYPED};
            }
            return new Object[] {target, null, Code.OK};
        }
        if (u instanceof Type.Interface) {
            return new Object[] {Types.defaultType(x.type), null, Code.OK};
        }
        return new Object[] {null, null, Code.INVALID_UNTYPED};
    }

    /** Remembers that an untyped constant is the left operand of a non-constant shift. */
    void markShiftOperand(Expr e) {
        Untyped u = untyped.get(e);
        if (u != null) {
            untyped.put(e, new Untyped(u.mode, u.type, u.val, true));
        }
    }

    void updateExprVal(Expr e, Constant val) {
        Untyped u = untyped.get(e);
        if (u != null) {
            untyped.put(e, new Untyped(u.mode, u.type, val, u.isLhs));
        }
    }

    /**
     * Gives an untyped expression tree its (possibly still untyped) type (types2's updateExprType).
     */
    void updateExprType(Expr x, Type typ, boolean fin) {
        updateExprType0(null, x, typ, fin);
    }

    private void updateExprType0(Expr parent, Expr x, Type typ, boolean fin) {
        Untyped old = untyped.get(x);
        if (old == null) {
            return;
        }
        if (x instanceof Expr.Paren p) {
            updateExprType0(x, p.x, typ, fin);
        } else if (x instanceof Expr.Operation o) {
            if (old.val == null) {
                if (o.y == null) {
                    if (o.op != Operator.MUL) {
                        updateExprType0(x, o.x, typ, fin);
                    }
                } else if (o.op.isComparison()) {
                    // the operands' types do not depend on the result's
                } else if (o.op.isShift()) {
                    updateExprType0(x, o.x, typ, fin);
                } else {
                    updateExprType0(x, o.x, typ, fin);
                    updateExprType0(x, o.y, typ, fin);
                }
            }
        }
        if (!fin && Types.isUntyped(typ)) {
            untyped.put(x, new Untyped(old.mode, typ.underlying(), old.val, old.isLhs));
            return;
        }
        untyped.remove(x);
        if (old.isLhs && !Types.isInteger(typ)) {
            error(x, "invalid operation: " + parent + " (shift of type " + typ + ")");
            return;
        }
        if (old.val != null) {
            Operand c = new Operand();
            c.mode = old.mode;
            c.expr = x;
            c.type = old.type;
            c.val = old.val;
            convertUntyped(c, typ);
            if (c.invalid()) {
                return;
            }
            x.value = c.val;
        }
        x.type = typ;
    }

    // ---------------------------------------------------------------------------------------
    // Assignability and conversions

    /** Whether x can be assigned to T; reason[0] may receive an explanation. */
    boolean assignableTo(Operand x, Type t, String[] reason) {
        if (x.invalid() || t == Types.INVALID) {
            return true;
        }
        Type v = x.type;
        if (Types.identical(v, t)) {
            return true;
        }
        Type vu = v.underlying();
        Type tu = t.underlying();
        if (Types.isUntyped(vu)) {
            Object[] r = implicitTypeAndValue(x, t);
            return r[0] != null;
        }
        if (Types.identical(vu, tu) && (!Types.hasName(v) || !Types.hasName(t))) {
            return true;
        }
        if (tu instanceof Type.Interface) {
            return true; // every type implements the empty interface
        }
        if (vu instanceof Type.Interface && !(tu instanceof Type.Interface)) {
            if (reason != null) {
                reason[0] = "need type assertion";
            }
            return false;
        }
        if (vu instanceof Type.Chan vc
                && vc.dir == Type.ChanDir.BOTH
                && tu instanceof Type.Chan tc
                && Types.identical(vc.elem, tc.elem)) {
            return !Types.hasName(v) || !Types.hasName(t);
        }
        return false;
    }

    /**
     * Checks that x can be assigned to a variable of type T (null: x's default type), converting
     * untyped values, with gc's "cannot use ... in context" messages.
     */
    void assignment(Operand x, Type t, String context) {
        singleValue(x);
        switch (x.mode) {
            case INVALID -> {
                return;
            }
            case CONSTANT, VARIABLE, VALUE, NILVALUE, COMMAOK -> {}
            default -> {
                error(x, "cannot assign " + x + " to " + t + " in " + context);
                return;
            }
        }
        if (Types.isUntyped(x.type)) {
            Type target = t;
            if (x.isNil()) {
                if (t == null) {
                    error(x, "use of untyped nil in " + context);
                    x.mode = Mode.INVALID;
                    return;
                }
            } else if (t == null || Types.isInterface(t)) {
                target = Types.defaultType(x.type);
            }
            Object[] r = implicitTypeAndValue(x, target);
            Code code = (Code) r[2];
            if (code != Code.OK) {
                String msg = "cannot use " + x + " as " + target + " value in " + context;
                if (code == Code.TRUNCATED) {
                    msg += " (truncated)";
                } else if (code == Code.OVERFLOW) {
                    msg += " (overflows)";
                }
                error(x, msg);
                x.mode = Mode.INVALID;
                return;
            }
            if (r[1] != null) {
                x.val = (Constant) r[1];
                updateExprVal(x.expr, x.val);
            }
            if (r[0] != x.type) {
                x.type = (Type) r[0];
                updateExprType(x.expr, x.type, false);
            }
        }
        if (t == null) {
            return;
        }
        String[] reason = {""};
        if (!assignableTo(x, t, reason)) {
            if (!reason[0].isEmpty()) {
                error(
                        x,
                        "cannot use "
                                + x
                                + " as type "
                                + t
                                + " in "
                                + context
                                + ":\n\t"
                                + reason[0]);
            } else {
                error(x, "cannot use " + x + " as type " + t + " in " + context);
            }
            x.mode = Mode.INVALID;
        }
    }

    /** T(x) (types2's conversion). */
    void conversion(Operand x, Type t) {
        boolean constArg = x.mode == Mode.CONSTANT;
        boolean ok;
        Constant val = null;
        Type tu = t.underlying();
        if (constArg && Types.isConstType(t)) {
            Type.Basic tb = (Type.Basic) tu;
            if (representableConst(x.val, tb)) {
                ok = true;
                val = x.val;
            } else if (Types.isInteger(x.type) && tb.isString()) {
                // string(65) is "A"; out-of-range code points give "\uFFFD"
                BigInteger i = x.val.intValue();
                int cp =
                        i.bitLength() < 32
                                        && Character.isValidCodePoint(i.intValue())
                                        && !(i.intValue() >= 0xD800 && i.intValue() < 0xE000)
                                ? i.intValue()
                                : 0xFFFD;
                val =
                        Constant.ofBytes(
                                new String(
                                        new String(Character.toChars(cp))
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                        java.nio.charset.StandardCharsets.ISO_8859_1));
                ok = true;
            } else {
                ok = false;
            }
        } else if (constArg && x.isNil()) {
            ok = Types.hasNil(t);
        } else {
            ok = convertibleTo(x, t);
            if (ok && x.mode != Mode.CONSTANT) {
                val = null;
            }
        }
        if (!ok) {
            error(x, "cannot convert " + x + " to type " + t);
            x.mode = Mode.INVALID;
            return;
        }
        if (Types.isUntyped(x.type)) {
            Type final0 = t;
            if (Types.isInterface(t) || constArg && !Types.isConstType(t) || x.isNil()) {
                final0 = Types.defaultType(x.type);
            } else if (x.mode == Mode.CONSTANT && Types.isInteger(x.type) && Types.isString(t)) {
                final0 = Types.defaultType(x.type);
            }
            updateExprType(x.expr, final0, true);
        }
        if (val != null && Types.isConstType(t)) {
            x.mode = Mode.CONSTANT;
            x.val = val;
        } else {
            x.mode = Mode.VALUE;
            x.val = null;
        }
        x.type = t;
    }

    private boolean convertibleTo(Operand x, Type t) {
        if (assignableTo(x, t, null)) {
            return true;
        }
        Type v = x.type;
        Type vu = v.underlying();
        Type tu = t.underlying();
        if (Types.identical(vu, tu)) {
            return true;
        }
        if (vu instanceof Type.Pointer vp
                && tu instanceof Type.Pointer tp
                && Types.identical(vp.elem.underlying(), tp.elem.underlying())) {
            return true;
        }
        if (Types.isInteger(vu) && Types.isInteger(tu)) {
            return true;
        }
        if (Types.isString(tu)) {
            if (Types.isInteger(vu)) {
                return true;
            }
            if (vu instanceof Type.Slice s
                    && Types.isInteger(s.elem)
                    && (((Type.Basic) s.elem.underlying()).kind == Type.Kind.UINT8
                            || ((Type.Basic) s.elem.underlying()).kind == Type.Kind.INT32)) {
                return true;
            }
        }
        if (Types.isString(vu)
                && tu instanceof Type.Slice s
                && Types.isInteger(s.elem)
                && (((Type.Basic) s.elem.underlying()).kind == Type.Kind.UINT8
                        || ((Type.Basic) s.elem.underlying()).kind == Type.Kind.INT32)) {
            return true;
        }
        return false;
    }
}
