package io.callosum.tensor.cpu.norm;

import io.callosum.tensor.cpu.reduce.ReduceVector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of batch normalisation over one contiguous run of a channel (the statistics' sums are in
 * {@link ReduceVector}). Sums are blocked as there. Each method does its own scalar tail. Loaded only when the Vector API
 * module is present.
 */
final class NormVector {
    private NormVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BLOCK = ReduceVector.BLOCK;

    private static FloatVector v(float[] a, int at) {
        return FloatVector.fromArray(S, a, at);
    }

    /** sums[0] += Σ g, sums[1] += Σ g·(x − c) over a run of g and x. */
    static void gradientSums(float[] g, int go, float[] x, int xo, int len, float c, double[] sums) {
        double sumG = 0, sumGX = 0;
        int k = 0;
        FloatVector cv = FloatVector.broadcast(S, c);
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector accG = FloatVector.zero(S), accGX = accG;
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) {
                FloatVector gv = v(g, go + k);
                accG = accG.add(gv);
                accGX = gv.fma(v(x, xo + k).sub(cv), accGX);
            }
            sumG += ReduceVector.lanesInOrder(accG);
            sumGX += ReduceVector.lanesInOrder(accGX);
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
        FloatVector hv = FloatVector.broadcast(S, hi), lv = FloatVector.broadcast(S, lo);
        FloatVector sv = FloatVector.broadcast(S, scale), bv = FloatVector.broadcast(S, beta);
        for (int end = S.loopBound(len); k < end; k += L) v(x, xo + k).sub(hv).sub(lv).fma(sv, bv).intoArray(o, oo + k);
        for (; k < len; k++) o[oo + k] = Math.fma(x[xo + k] - hi - lo, scale, beta);
    }

    /** gx = a·g + b·(x − c) + d over a run. */
    static void inputGradient(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int len, float a, float b, float c, float d) {
        int k = 0;
        FloatVector av = FloatVector.broadcast(S, a), bv = FloatVector.broadcast(S, b);
        FloatVector cv = FloatVector.broadcast(S, c), dv = FloatVector.broadcast(S, d);
        for (int end = S.loopBound(len); k < end; k += L) {
            v(x, xo + k).sub(cv).fma(bv, dv).add(v(g, go + k).mul(av)).intoArray(gx, gxo + k);
        }
        for (; k < len; k++) gx[gxo + k] = Math.fma(x[xo + k] - c, b, d) + g[go + k] * a;
    }
}
