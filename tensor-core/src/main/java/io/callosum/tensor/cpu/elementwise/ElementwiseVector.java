package io.callosum.tensor.cpu.elementwise;

import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of the elementwise kernels for stride-1 rows and rows broadcasting one operand (stride 0). Each
 * method handles the whole vectors of a row and returns how many elements it did; the caller's scalar loop finishes
 * the tail, so a tail and a row too short for a vector get exactly the scalar path's semantics. Ops without a vector
 * body (transcendentals, rounding, integer ops) return 0.
 *
 * <p>Every op has its own loop with the vector operation written out: the JIT compiles a lane operation to one
 * instruction only when it sees which one it is, and a loop shared through an operator argument falls back to
 * boxed vectors (measured ≈ 30× slower). For the same reason broadcasts are written out where they are used: the
 * Vector API's own methods are force-inlined, but a helper of ours called once per row may be left out of line by
 * the JIT (a cold call site), and then runs without intrinsics and boxes its vector (measured ≈ 300 ns per row).
 * NaN follows the scalar path: MAX/MIN are {@link Math#max}/{@link Math#min} lane by lane (NaN wins, −0 &lt; +0),
 * comparisons with NaN are false.
 *
 * <p>Loaded only when the Vector API module is present.
 */
final class ElementwiseVector {
    private ElementwiseVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static FloatVector v(float[] a, int at) {
        return FloatVector.fromArray(S, a, at);
    }

    // ------------------------------------------------------------------ unary

    /** o[oo + k] = op(a[ao + k]) for the whole vectors of [0, n); returns how many elements were written. */
    static int unary(UnaryOp op, float[] a, int ao, float[] o, int oo, int n, float alpha, float beta) {
        int end = S.loopBound(n);
        switch (op) {
            case ADD_SCALAR -> vectorScalar(BinaryOp.ADD, a, ao, alpha, o, oo, end);
            case MUL_SCALAR -> vectorScalar(BinaryOp.MUL, a, ao, alpha, o, oo, end);
            case RSUB_SCALAR -> scalarVector(BinaryOp.SUB, alpha, a, ao, o, oo, end);
            case RDIV_SCALAR -> scalarVector(BinaryOp.DIV, alpha, a, ao, o, oo, end);
            case RECIPROCAL -> scalarVector(BinaryOp.DIV, 1f, a, ao, o, oo, end);
            case RELU -> vectorScalar(BinaryOp.MAXIMUM, a, ao, 0f, o, oo, end); // max(NaN, 0) = NaN, max(−0, 0) = 0
            case SQUARE -> vectorVector(BinaryOp.MUL, a, ao, a, ao, o, oo, end);
            case POW -> {
                if (alpha != 2f) return 0;
                vectorVector(BinaryOp.MUL, a, ao, a, ao, o, oo, end);
            }
            case LEAKY_RELU, CLAMP, SIGN -> piecewise(op, a, ao, o, oo, end, alpha, beta);
            case NEG -> { for (int k = 0; k < end; k += L) v(a, ao + k).neg().intoArray(o, oo + k); }
            case ABS -> { for (int k = 0; k < end; k += L) v(a, ao + k).abs().intoArray(o, oo + k); }
            // float sqrt is correctly rounded, as is the scalar path's double sqrt rounded to float
            case SQRT -> { for (int k = 0; k < end; k += L) v(a, ao + k).sqrt().intoArray(o, oo + k); }
            default -> { return 0; }
        }
        return end;
    }

    /** The ops whose value depends on a comparison: a blend per condition, in the scalar path's order. */
    private static void piecewise(UnaryOp op, float[] a, int ao, float[] o, int oo, int end, float alpha, float beta) {
        FloatVector zero = FloatVector.broadcast(S, 0f);
        switch (op) {
            case LEAKY_RELU -> {
                for (int k = 0; k < end; k += L) {
                    FloatVector x = v(a, ao + k);
                    x.mul(alpha).blend(x, x.compare(VectorOperators.GT, zero)).intoArray(o, oo + k);
                }
            }
            case CLAMP -> {
                FloatVector lo = FloatVector.broadcast(S, Float.isNaN(alpha) ? Float.NEGATIVE_INFINITY : alpha);
                FloatVector hi = FloatVector.broadcast(S, Float.isNaN(beta) ? Float.POSITIVE_INFINITY : beta);
                for (int k = 0; k < end; k += L) {
                    FloatVector x = v(a, ao + k); // x < lo ? lo : (x > hi ? hi : x); NaN stays
                    x.blend(hi, x.compare(VectorOperators.GT, hi)).blend(lo, x.compare(VectorOperators.LT, lo)).intoArray(o, oo + k);
                }
            }
            case SIGN -> {
                FloatVector one = FloatVector.broadcast(S, 1f), minusOne = FloatVector.broadcast(S, -1f);
                for (int k = 0; k < end; k += L) {
                    FloatVector x = v(a, ao + k); // ±0 and NaN map to themselves, as Math.signum
                    x.blend(one, x.compare(VectorOperators.GT, zero)).blend(minusOne, x.compare(VectorOperators.LT, zero)).intoArray(o, oo + k);
                }
            }
            default -> throw new IllegalStateException(op + " is not piecewise");
        }
    }

    // ------------------------------------------------------------------ binary

    /**
     * o[oo + k] = op(x[xo + k·sx], y[yo + k·sy]) for the whole vectors of [0, n), for strides 0 (broadcast) or 1;
     * returns how many elements were written (0 for other strides or ops without a vector body).
     */
    static int binary(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] o, int oo, int n) {
        // both stride 0 is a constant row (a broadcast scalar op scalar): left to the scalar loop
        if (!hasBody(op) || sx + sy == 0 || sx > 1 || sy > 1 || sx < 0 || sy < 0) return 0;
        int end = S.loopBound(n);
        if (sx == 1 && sy == 1) vectorVector(op, x, xo, y, yo, o, oo, end);
        else if (sx == 1) vectorScalar(op, x, xo, y[yo], o, oo, end);
        else scalarVector(op, x[xo], y, yo, o, oo, end);
        return end;
    }

    private static boolean hasBody(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, RELU_GRAD -> true;
            default -> false;
        };
    }

    /** Both operands stride 1; end is a multiple of the vector length. */
    private static void vectorVector(BinaryOp op, float[] x, int xo, float[] y, int yo, float[] o, int oo, int end) {
        switch (op) {
            case ADD -> { for (int k = 0; k < end; k += L) v(x, xo + k).add(v(y, yo + k)).intoArray(o, oo + k); }
            case SUB -> { for (int k = 0; k < end; k += L) v(x, xo + k).sub(v(y, yo + k)).intoArray(o, oo + k); }
            case MUL -> { for (int k = 0; k < end; k += L) v(x, xo + k).mul(v(y, yo + k)).intoArray(o, oo + k); }
            case DIV -> { for (int k = 0; k < end; k += L) v(x, xo + k).div(v(y, yo + k)).intoArray(o, oo + k); }
            case MAXIMUM -> { for (int k = 0; k < end; k += L) v(x, xo + k).max(v(y, yo + k)).intoArray(o, oo + k); }
            case MINIMUM -> { for (int k = 0; k < end; k += L) v(x, xo + k).min(v(y, yo + k)).intoArray(o, oo + k); }
            case RELU_GRAD -> { for (int k = 0; k < end; k += L) reluGrad(v(x, xo + k), v(y, yo + k)).intoArray(o, oo + k); }
            default -> throw new IllegalStateException(op + " has no vector body");
        }
    }

    /** x stride 1, y one value for the whole row (broadcast here: a vector passed between methods may be boxed). */
    private static void vectorScalar(BinaryOp op, float[] x, int xo, float y, float[] o, int oo, int end) {
        FloatVector q = FloatVector.broadcast(S, y);
        switch (op) {
            case ADD -> { for (int k = 0; k < end; k += L) v(x, xo + k).add(q).intoArray(o, oo + k); }
            case SUB -> { for (int k = 0; k < end; k += L) v(x, xo + k).sub(q).intoArray(o, oo + k); }
            case MUL -> { for (int k = 0; k < end; k += L) v(x, xo + k).mul(q).intoArray(o, oo + k); }
            case DIV -> { for (int k = 0; k < end; k += L) v(x, xo + k).div(q).intoArray(o, oo + k); }
            case MAXIMUM -> { for (int k = 0; k < end; k += L) v(x, xo + k).max(q).intoArray(o, oo + k); }
            case MINIMUM -> { for (int k = 0; k < end; k += L) v(x, xo + k).min(q).intoArray(o, oo + k); }
            case RELU_GRAD -> { for (int k = 0; k < end; k += L) reluGrad(v(x, xo + k), q).intoArray(o, oo + k); }
            default -> throw new IllegalStateException(op + " has no vector body");
        }
    }

    /** x one value for the whole row, y stride 1. */
    private static void scalarVector(BinaryOp op, float x, float[] y, int yo, float[] o, int oo, int end) {
        FloatVector p = FloatVector.broadcast(S, x);
        switch (op) {
            case ADD -> { for (int k = 0; k < end; k += L) p.add(v(y, yo + k)).intoArray(o, oo + k); }
            case SUB -> { for (int k = 0; k < end; k += L) p.sub(v(y, yo + k)).intoArray(o, oo + k); }
            case MUL -> { for (int k = 0; k < end; k += L) p.mul(v(y, yo + k)).intoArray(o, oo + k); }
            case DIV -> { for (int k = 0; k < end; k += L) p.div(v(y, yo + k)).intoArray(o, oo + k); }
            case MAXIMUM -> { for (int k = 0; k < end; k += L) p.max(v(y, yo + k)).intoArray(o, oo + k); }
            case MINIMUM -> { for (int k = 0; k < end; k += L) p.min(v(y, yo + k)).intoArray(o, oo + k); }
            case RELU_GRAD -> { for (int k = 0; k < end; k += L) reluGrad(p, v(y, yo + k)).intoArray(o, oo + k); }
            default -> throw new IllegalStateException(op + " has no vector body");
        }
    }

    /** g where y &gt; 0, else 0 (NaN in y gives 0, as the scalar {@code y > 0 ? g : 0}). */
    private static FloatVector reluGrad(FloatVector g, FloatVector y) {
        VectorMask<Float> open = y.compare(VectorOperators.GT, 0f);
        return FloatVector.zero(S).blend(g, open);
    }
}
