package io.callosum.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of {@link CpuLoss}'s softmax family over a block of columns of a [dim, inner] slab: the whole
 * vectors of the block's columns, each column's max, sum and dot product held in a lane; the caller's scalar loop
 * finishes the remaining columns. Sums are in float: a column's sums over ≤ 10⁴ classes stay within the tests' 1e-5
 * relative tolerance of the double reference.
 *
 * <p>exp is {@link #exp}, built from additions, multiplications and bit operations only, not the Vector API's
 * own EXP: that one is Intel's SVML once the JIT has compiled the loop and a scalar Java loop before, and the two
 * differ in the last bit, so a training run's results would depend on when the JIT got to this method (a resumed run
 * would not reproduce an uninterrupted one). The log of a column's sum is taken once per column, in double.
 * Loaded only when the Vector API module is present.
 */
final class VecSoftmax {
    private VecSoftmax() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /**
     * out[o + d·in + j] = softmax (or logSoftmax) over d &lt; dim of x[x0 + d·in + j], for the whole vectors of
     * j &lt; len; returns how many columns were done.
     */
    static int forward(float[] xs, int x0, float[] os, int o0, int dim, int in, int len, boolean log) {
        int end = S.loopBound(len);
        float[] scratch = log ? new float[V] : null;
        for (int j = 0; j < end; j += V) {
            FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int d = 0; d < dim; d++) max = max.max(FloatVector.fromArray(S, xs, x0 + d * in + j));
            FloatVector sum = FloatVector.zero(S);
            if (log) {
                for (int d = 0; d < dim; d++) sum = sum.add(exp(FloatVector.fromArray(S, xs, x0 + d * in + j).sub(max)));
                FloatVector lse = max.add(log(sum, scratch));
                for (int d = 0; d < dim; d++) {
                    FloatVector.fromArray(S, xs, x0 + d * in + j).sub(lse).intoArray(os, o0 + d * in + j);
                }
            } else {
                for (int d = 0; d < dim; d++) {
                    FloatVector e = exp(FloatVector.fromArray(S, xs, x0 + d * in + j).sub(max));
                    sum = sum.add(e);
                    e.intoArray(os, o0 + d * in + j);
                }
                FloatVector inv = FloatVector.broadcast(S, 1f).div(sum);
                for (int d = 0; d < dim; d++) {
                    FloatVector.fromArray(S, os, o0 + d * in + j).mul(inv).intoArray(os, o0 + d * in + j);
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
        for (int j = 0; j < end; j += V) {
            FloatVector dot = FloatVector.zero(S);
            if (log) {
                for (int d = 0; d < dim; d++) dot = dot.add(FloatVector.fromArray(S, gs, g0 + d * in + j));
                for (int d = 0; d < dim; d++) {
                    FloatVector e = exp(FloatVector.fromArray(S, ys, y0 + d * in + j));
                    FloatVector.fromArray(S, gs, g0 + d * in + j).sub(e.mul(dot)).intoArray(gxs, gx0 + d * in + j);
                }
            } else {
                for (int d = 0; d < dim; d++) {
                    dot = dot.add(FloatVector.fromArray(S, gs, g0 + d * in + j).mul(FloatVector.fromArray(S, ys, y0 + d * in + j)));
                }
                for (int d = 0; d < dim; d++) {
                    FloatVector y = FloatVector.fromArray(S, ys, y0 + d * in + j);
                    y.mul(FloatVector.fromArray(S, gs, g0 + d * in + j).sub(dot)).intoArray(gxs, gx0 + d * in + j);
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
     * e^x lane by lane, within 2 ulp of the correctly rounded value for x in [−87.3, 88] (Cephes' expf): x = k·ln 2
     * + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is exact), e^r by a degree-6 polynomial, 2^k put into the
     * exponent bits. 0 below that range (and for −∞: softmax's arguments are ≤ 0, and values under 10⁻³⁸ are
     * flushed), +∞ above it, NaN for NaN.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
        FloatVector t = c.mul(LOG2E).add(ROUNDER), k = t.sub(ROUNDER);
        FloatVector r = c.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r)
                .add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f).mul(r.mul(r)).add(r).add(1f);
        // t's bits are ROUNDER's plus k in the low mantissa bits; 2^k's are (k + 127) << 23, k in [−126, 127].
        // (Not convert(F2I): that has no intrinsic for 512-bit vectors on JDK 17 and runs through an array.)
        FloatVector scale = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER) - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale).blend(0f, x.compare(VectorOperators.LT, EXP_MIN))
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
    }

    /** log of positive sums, one per lane, through double and {@code scratch} (once per column, off the hot loop). */
    private static FloatVector log(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        for (int i = 0; i < V; i++) scratch[i] = (float) Math.log(scratch[i]);
        return FloatVector.fromArray(S, scratch, 0);
    }
}
