package io.callosum.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of batch normalisation over one contiguous run of a channel. Sums are accumulated lane-wise in
 * float over blocks of {@link #BLOCK} elements (a handful of terms per lane) and each block's total is added in
 * double, so precision stays that of a double sum of short float sums whatever the run length. Each method does
 * its own scalar tail. Loaded only when the Vector API module is present.
 */
final class VecNorm {
    private VecNorm() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per float partial sum: 8 vectors, i.e. 8 terms per lane before the block goes into a double. */
    private static final int BLOCK = 8 * L;

    private static FloatVector v(float[] a, int at) {
        return FloatVector.fromArray(S, a, at);
    }

    /** Σ (x − c) over [at, at + len); c near the values keeps the float partial sums small. */
    static double sumDeviations(float[] x, int at, int len, float c) {
        double total = 0;
        int k = 0;
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector acc = FloatVector.zero(S);
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) acc = acc.add(v(x, at + k).sub(c));
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < len; k++) total += x[at + k] - c;
        return total;
    }

    /** Σ (x − c)² over [at, at + len). */
    static double sumSquaredDeviations(float[] x, int at, int len, float c) {
        double total = 0;
        int k = 0;
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector acc = FloatVector.zero(S);
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) {
                FloatVector d = v(x, at + k).sub(c);
                acc = d.fma(d, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < len; k++) {
            double d = x[at + k] - c;
            total += d * d;
        }
        return total;
    }

    /** sums[0] += Σ g, sums[1] += Σ g·(x − c) over a run of g and x. */
    static void gradientSums(float[] g, int go, float[] x, int xo, int len, float c, double[] sums) {
        double sumG = 0, sumGX = 0;
        int k = 0;
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector accG = FloatVector.zero(S), accGX = accG;
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) {
                FloatVector gv = v(g, go + k);
                accG = accG.add(gv);
                accGX = gv.fma(v(x, xo + k).sub(c), accGX);
            }
            sumG += accG.reduceLanes(VectorOperators.ADD);
            sumGX += accGX.reduceLanes(VectorOperators.ADD);
        }
        for (; k < len; k++) {
            double gv = g[go + k];
            sumG += gv;
            sumGX += gv * (x[xo + k] - c);
        }
        sums[0] += sumG;
        sums[1] += sumGX;
    }

    /**
     * o = (x − mean)·scale + beta over a run, with mean = hi + lo split over two floats: x − hi is exact for x near
     * the mean, so a large mean costs no precision (folding it into one float shift would cost ulp(mean)).
     */
    static void normalize(float[] x, int xo, float[] o, int oo, int len, float hi, float lo, float scale, float beta) {
        int k = 0;
        for (int end = S.loopBound(len); k < end; k += L) v(x, xo + k).sub(hi).sub(lo).fma(scale, beta).intoArray(o, oo + k);
        for (; k < len; k++) o[oo + k] = Math.fma(x[xo + k] - hi - lo, scale, beta);
    }

    /** gx = a·g + b·(x − c) + d over a run. */
    static void inputGradient(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int len, float a, float b, float c, float d) {
        int k = 0;
        FloatVector bv = FloatVector.broadcast(S, b), dv = FloatVector.broadcast(S, d);
        for (int end = S.loopBound(len); k < end; k += L) {
            v(x, xo + k).sub(c).fma(bv, dv).add(v(g, go + k).mul(a)).intoArray(gx, gxo + k);
        }
        for (; k < len; k++) gx[gxo + k] = Math.fma(x[xo + k] - c, b, d) + g[go + k] * a;
    }
}
