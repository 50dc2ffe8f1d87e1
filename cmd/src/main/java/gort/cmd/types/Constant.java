package gort.cmd.types;

import gort.cmd.syntax.Operator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * An exact constant value (go/constant for gort's subset): a boolean, an arbitrary-precision
 * integer, a string (held as a Java string whose chars are the Go string's bytes, 0..255), or
 * unknown (after an error).
 */
public final class Constant {
    /** The kinds of values. */
    public enum Kind {
        UNKNOWN,
        BOOL,
        INT,
        STRING
    }

    public static final Constant UNKNOWN = new Constant(Kind.UNKNOWN, null);
    public static final Constant TRUE = new Constant(Kind.BOOL, Boolean.TRUE);
    public static final Constant FALSE = new Constant(Kind.BOOL, Boolean.FALSE);

    public final Kind kind;
    private final Object v;

    private Constant(Kind kind, Object v) {
        this.kind = kind;
        this.v = v;
    }

    public static Constant of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Constant of(BigInteger i) {
        return new Constant(Kind.INT, i);
    }

    public static Constant of(long i) {
        return of(BigInteger.valueOf(i));
    }

    /** A string constant from its bytes (each char 0..255). */
    public static Constant ofBytes(String bytes) {
        return new Constant(Kind.STRING, bytes);
    }

    public boolean boolValue() {
        return (Boolean) v;
    }

    public BigInteger intValue() {
        return (BigInteger) v;
    }

    /** The string's bytes, one char per byte. */
    public String bytes() {
        return (String) v;
    }

    /** The string as UTF-8 decoded text. */
    public String text() {
        return new String(bytes().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public int sign() {
        return kind == Kind.INT ? intValue().signum() : 1;
    }

    /** Folds a binary operation; integer division truncates. The result may be UNKNOWN. */
    public static Constant binary(Constant x, Operator op, Constant y) {
        if (x.kind == Kind.UNKNOWN || y.kind == Kind.UNKNOWN) {
            return UNKNOWN;
        }
        switch (x.kind) {
            case BOOL -> {
                boolean a = x.boolValue();
                boolean b = y.boolValue();
                return switch (op) {
                    case ANDAND -> of(a && b);
                    case OROR -> of(a || b);
                    case EQL -> of(a == b);
                    case NEQ -> of(a != b);
                    default -> UNKNOWN;
                };
            }
            case STRING -> {
                String a = x.bytes();
                String b = y.bytes();
                int c = a.compareTo(b);
                return switch (op) {
                    case ADD -> ofBytes(a + b);
                    case EQL -> of(c == 0);
                    case NEQ -> of(c != 0);
                    case LSS -> of(c < 0);
                    case LEQ -> of(c <= 0);
                    case GTR -> of(c > 0);
                    case GEQ -> of(c >= 0);
                    default -> UNKNOWN;
                };
            }
            case INT -> {
                BigInteger a = x.intValue();
                BigInteger b = y.intValue();
                int c = a.compareTo(b);
                return switch (op) {
                    case ADD -> of(a.add(b));
                    case SUB -> of(a.subtract(b));
                    case MUL -> of(a.multiply(b));
                    case DIV -> b.signum() == 0 ? UNKNOWN : of(a.divide(b));
                    case REM -> b.signum() == 0 ? UNKNOWN : of(a.remainder(b));
                    case AND -> of(a.and(b));
                    case OR -> of(a.or(b));
                    case XOR -> of(a.xor(b));
                    case ANDNOT -> of(a.andNot(b));
                    case EQL -> of(c == 0);
                    case NEQ -> of(c != 0);
                    case LSS -> of(c < 0);
                    case LEQ -> of(c <= 0);
                    case GTR -> of(c > 0);
                    case GEQ -> of(c >= 0);
                    default -> UNKNOWN;
                };
            }
            default -> {
                return UNKNOWN;
            }
        }
    }

    /** Folds x << s or x >> s. */
    public static Constant shift(Constant x, Operator op, int s) {
        if (x.kind != Kind.INT) {
            return UNKNOWN;
        }
        return of(op == Operator.SHL ? x.intValue().shiftLeft(s) : x.intValue().shiftRight(s));
    }

    /**
     * Folds a unary operation. For ^ on an unsigned type of the given bit size the complement is
     * taken within that size (prec > 0), as go/constant does.
     */
    public static Constant unary(Operator op, Constant x, int prec) {
        if (x.kind == Kind.UNKNOWN) {
            return UNKNOWN;
        }
        return switch (op) {
            case ADD -> x;
            case SUB -> of(x.intValue().negate());
            case NOT -> of(!x.boolValue());
            case XOR -> {
                BigInteger z = x.intValue().not();
                if (prec > 0) {
                    z = z.and(BigInteger.ONE.shiftLeft(prec).subtract(BigInteger.ONE));
                }
                yield of(z);
            }
            default -> UNKNOWN;
        };
    }

    /** Bit length of the magnitude (constant.BitLen). */
    public int bitLen() {
        return intValue().abs().bitLength();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant c && c.kind == kind && java.util.Objects.equals(c.v, v);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, v);
    }

    /** As go/constant prints values in messages: strings quoted and cut at 72 chars. */
    @Override
    public String toString() {
        return switch (kind) {
            case UNKNOWN -> "unknown";
            case BOOL -> Boolean.toString(boolValue());
            case INT -> intValue().toString();
            case STRING -> {
                String q = Quote.quote(bytes());
                if (q.length() > 72) {
                    int i = 72 - 3;
                    q = q.substring(0, i) + "...";
                }
                yield q;
            }
        };
    }
}
