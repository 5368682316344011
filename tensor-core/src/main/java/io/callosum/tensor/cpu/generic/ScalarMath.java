package io.callosum.tensor.cpu.generic;

import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.UnaryOp;
import org.apache.commons.numbers.gamma.Erf;

/** Each elementwise op on one or two doubles, defined once for the generic kernels (IEEE semantics, NaN kept). */
final class ScalarMath {
    private ScalarMath() {
    }

    private static final double INV_SQRT_2 = 0.7071067811865476;

    static double unary(UnaryOp op, double v, double alpha, double beta) {
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case SIGN -> Math.signum(v);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case SQRT -> Math.sqrt(v);
            case RSQRT -> 1.0 / Math.sqrt(v);
            case SQUARE -> v * v;
            case RECIPROCAL -> 1.0 / v;
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case FLOOR -> Math.floor(v);
            case CEIL -> Math.ceil(v);
            case ROUND -> Math.rint(v);
            case RELU -> v != v ? v : Math.max(v, 0.0);
            case LEAKY_RELU -> v > 0 ? v : v * alpha;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-v));
            case TANH -> Math.tanh(v);
            case GELU -> 0.5 * v * (1 + Erf.value(v * INV_SQRT_2));
            case ERF -> Erf.value(v);
            case POW -> alpha == 2 ? v * v : Math.pow(v, alpha);
            case ADD_SCALAR -> v + alpha;
            case MUL_SCALAR -> v * alpha;
            case RSUB_SCALAR -> alpha - v;
            case RDIV_SCALAR -> alpha / v;
            case CLAMP -> {
                double lo = Double.isNaN(alpha) ? Double.NEGATIVE_INFINITY : alpha;
                double hi = Double.isNaN(beta) ? Double.POSITIVE_INFINITY : beta;
                yield v < lo ? lo : (v > hi ? hi : v);
            }
            case NON_FINITE -> Double.isFinite(v) ? 0 : 1;
        };
    }

    static double binary(BinaryOp op, double p, double q) {
        return switch (op) {
            case ADD -> p + q;
            case SUB -> p - q;
            case MUL -> p * q;
            case DIV -> p / q;
            case POW -> Math.pow(p, q);
            case MAXIMUM -> p != p || q != q ? Double.NaN : Math.max(p, q);
            case MINIMUM -> p != p || q != q ? Double.NaN : Math.min(p, q);
            case RELU_GRAD -> q > 0 ? p : 0.0;
            case EQ -> p == q ? 1 : 0;
            case NE -> p != q ? 1 : 0;
            case LT -> p < q ? 1 : 0;
            case LE -> p <= q ? 1 : 0;
            case GT -> p > q ? 1 : 0;
            case GE -> p >= q ? 1 : 0;
        };
    }
}
