package io.callosum.tensor.cpu.loss;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of {@link CpuLoss}'s softmax family over a block of columns of a [dim, inner] slab: the whole
 * vectors of the block's columns; the caller's scalar loop finishes the remaining columns. Sums are in float: a
 * column's sums over ≤ 10⁴ classes stay within the tests' 1e-5 relative tolerance of the double reference.
 *
 * <p>exp is {@link #expShifted}, built from additions, multiplications and bit operations only, not the Vector API's
 * own EXP: that one is Intel's SVML once the JIT has compiled the loop and a scalar Java loop before, and the two
 * differ in the last bit, so a training run's results would depend on when the JIT got to this method (a resumed run
 * would not reproduce an uninterrupted one). The log of a column's sum is taken once per column, in double. The
 * block is swept row by row (a row's columns are contiguous), with each column's running max, sum or dot product
 * kept in a small array. Loaded only when the Vector API module is present.
 */
final class SoftmaxVector {
    private SoftmaxVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /**
     * out[o + d·in + j] = softmax (or logSoftmax) over d &lt; dim of x[x0 + d·in + j], for the whole vectors of
     * j &lt; len; returns how many columns were done.
     */
    static int forward(float[] xs, int x0, float[] os, int o0, int dim, int in, int len, boolean log) {
        int end = S.loopBound(len);
        if (end == 0) return 0;
        float[] max = new float[end], sum = new float[end], row = log ? new float[end] : null;
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int d = 0; d < dim; d++) {
            for (int j = 0, at = x0 + d * in; j < end; j += V) {
                FloatVector.fromArray(S, max, j).max(FloatVector.fromArray(S, xs, at + j)).intoArray(max, j);
            }
        }
        for (int d = 0; d < dim; d++) {
            // softmax keeps exp(x − max) in the output, to be scaled below; logSoftmax only needs its sum
            float[] e = log ? row : os;
            int at = log ? 0 : o0 + d * in;
            expShifted(xs, x0 + d * in, max, e, at, end);
            for (int j = 0; j < end; j += V) {
                FloatVector.fromArray(S, sum, j).add(FloatVector.fromArray(S, e, at + j)).intoArray(sum, j);
            }
        }
        if (log) {
            for (int j = 0; j < end; j++) max[j] += (float) Math.log(sum[j]); // log-sum-exp, once per column
            for (int d = 0; d < dim; d++) {
                for (int j = 0, at = x0 + d * in, to = o0 + d * in; j < end; j += V) {
                    FloatVector.fromArray(S, xs, at + j).sub(FloatVector.fromArray(S, max, j)).intoArray(os, to + j);
                }
            }
        } else {
            // Scalar (the same correctly rounded quotients): C2 sometimes left the vector div's lanewise call out of
            // line, and the store after it then ran the Vector API's Java fallback.
            for (int j = 0; j < end; j++) sum[j] = 1f / sum[j];
            for (int d = 0; d < dim; d++) {
                for (int j = 0, to = o0 + d * in; j < end; j += V) {
                    FloatVector.fromArray(S, os, to + j).mul(FloatVector.fromArray(S, sum, j)).intoArray(os, to + j);
                }
            }
        }
        return end;
    }

    /**
     * gx = y·(gy − Σ gy·y) for softmax, gy − exp(y)·Σ gy for logSoftmax (y its output), over d &lt; dim at
     * [d·in + j], for the whole vectors of j &lt; len; returns how many columns were done.
     */
    static int backward(float[] gs, int g0, float[] ys, int y0, float[] gxs, int gx0, int dim, int in, int len,
                        boolean log) {
        int end = S.loopBound(len);
        if (end == 0) return 0;
        float[] dot = new float[end], row = log ? new float[end] : null, zero = log ? new float[end] : null;
        for (int d = 0; d < dim; d++) {
            for (int j = 0, g = g0 + d * in, y = y0 + d * in; j < end; j += V) {
                FloatVector gy = FloatVector.fromArray(S, gs, g + j);
                FloatVector acc = FloatVector.fromArray(S, dot, j);
                (log ? acc.add(gy) : acc.add(gy.mul(FloatVector.fromArray(S, ys, y + j)))).intoArray(dot, j);
            }
        }
        for (int d = 0; d < dim; d++) {
            int g = g0 + d * in, y = y0 + d * in, o = gx0 + d * in;
            if (log) {
                expShifted(ys, y, zero, row, 0, end);
                for (int j = 0; j < end; j += V) {
                    FloatVector e = FloatVector.fromArray(S, row, j);
                    FloatVector.fromArray(S, gs, g + j).sub(e.mul(FloatVector.fromArray(S, dot, j))).intoArray(gxs, o + j);
                }
            } else {
                for (int j = 0; j < end; j += V) {
                    FloatVector yv = FloatVector.fromArray(S, ys, y + j);
                    yv.mul(FloatVector.fromArray(S, gs, g + j).sub(FloatVector.fromArray(S, dot, j))).intoArray(gxs, o + j);
                }
            }
        }
        return end;
    }

    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** Adding 1.5·2²³ rounds a float below 2²² in magnitude to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    /** e^EXP_MIN is float's smallest normal (2⁻¹²⁶); e^EXP_MAX ≈ 1.65·10³⁸ keeps 2^k below 2¹²⁸. */
    private static final float EXP_MIN = -87.33654f, EXP_MAX = 88f;

    /**
     * dst[d + j] = e^(src[s + j] − shift[j]) for j &lt; n (a multiple of the vector length), within 2 ulp of the
     * correctly rounded value for arguments in [−87.3, 88] (Cephes' expf): x = k·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2
     * in two parts, so r is exact), e^r by a degree-6 polynomial, 2^k put into the exponent bits. 0 below that range
     * (and for −∞: softmax's arguments are ≤ 0, and values under 10⁻³⁸ are flushed), +∞ above it, NaN for NaN.
     * Arrays in and out, not a vector: a vector passed to a method the JIT does not inline is boxed, and this one
     * was left out of line in a training step (17 ms per softmax instead of 2).
     */
    static void expShifted(float[] src, int s, float[] shift, float[] dst, int d, int n) {
        for (int j = 0; j < n; j += V) {
            FloatVector x = FloatVector.fromArray(S, src, s + j).sub(FloatVector.fromArray(S, shift, j));
            FloatVector c = x.max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
            FloatVector t = c.mul(LOG2E).add(ROUNDER), k = t.sub(ROUNDER);
            FloatVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r)
                    .add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f).mul(r.mul(r))
                    .add(r).add(1f);
            // t's bits are ROUNDER's plus k in the low mantissa bits; 2^k's are (k + 127) << 23, k in [−126, 127].
            // (Not convert(F2I): that has no intrinsic for 512-bit vectors on JDK 17 and runs through an array.)
            FloatVector scale = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(scale).blend(0f, x.compare(VectorOperators.LT, EXP_MIN))
                    .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX)).intoArray(dst, d + j);
        }
    }
}
