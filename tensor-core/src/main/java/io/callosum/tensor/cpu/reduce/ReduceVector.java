package io.callosum.tensor.cpu.reduce;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of a contiguous float run with the Vector API. Terms are accumulated lane-wise in float over blocks of
 * {@link #BLOCK} elements (a handful of terms per lane) and each block's total is added in double, so precision stays
 * that of a double sum of short float sums whatever the run length. Each method does its own scalar tail. Loaded
 * only when the Vector API module is present.
 */
public final class ReduceVector {
    private ReduceVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per float partial sum: 8 vectors, i.e. 8 terms per lane before the block goes into a double. */
    public static final int BLOCK = 8 * L;

    private static FloatVector v(float[] a, int at) {
        return FloatVector.fromArray(S, a, at);
    }

    /**
     * The lanes' float sum from lane 0 up. Not {@code reduceLanes(ADD)}: its order is unspecified, and on JDK 21+ C2's
     * tree order differs from the interpreter's, so a result would change once the kernel is compiled.
     */
    public static float lanesInOrder(FloatVector acc) {
        float s = 0;
        for (int i = 0; i < L; i++) s += acc.lane(i);
        return s;
    }

    /** Σ x over [at, at + len). */
    static double sum(float[] x, int at, int len) {
        double total = 0;
        int k = 0;
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector acc = FloatVector.zero(S);
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) acc = acc.add(v(x, at + k));
            total += lanesInOrder(acc);
        }
        for (; k < len; k++) total += x[at + k];
        return total;
    }

    /** Σ (x − c) over [at, at + len); c near the values keeps the float partial sums small. */
    public static double sumDeviations(float[] x, int at, int len, float c) {
        double total = 0;
        int k = 0;
        FloatVector cv = FloatVector.broadcast(S, c);
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector acc = FloatVector.zero(S);
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) acc = acc.add(v(x, at + k).sub(cv));
            total += lanesInOrder(acc);
        }
        for (; k < len; k++) total += x[at + k] - c;
        return total;
    }

    /** Σ (x − c)² over [at, at + len). */
    public static double sumSquaredDeviations(float[] x, int at, int len, float c) {
        double total = 0;
        int k = 0;
        FloatVector cv = FloatVector.broadcast(S, c);
        for (int end = S.loopBound(len); k < end; ) {
            FloatVector acc = FloatVector.zero(S);
            for (int blockEnd = Math.min(end, k + BLOCK); k < blockEnd; k += L) {
                FloatVector d = v(x, at + k).sub(cv);
                acc = d.fma(d, acc);
            }
            total += lanesInOrder(acc);
        }
        for (; k < len; k++) {
            double d = x[at + k] - c;
            total += d * d;
        }
        return total;
    }

}
