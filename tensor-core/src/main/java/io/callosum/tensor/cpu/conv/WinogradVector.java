package io.callosum.tensor.cpu.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API body of {@link WinogradTiles#combine}: the whole vectors of a run, each output vector summed in
 * registers from its sources and stored once. Multiplies and adds in the scalar loop's order (no FMA), so both paths
 * give the same bits. The Winograd matrices have at most seven non-zeros per row (F(6×6, 3×3)'s Aᵀ; F(4×4)'s
 * five). Each count has its own loop with the coefficients broadcast once outside it — a loop over the terms inside
 * the vector loop ran ≈ 4× slower (the JIT re-broadcast every coefficient per vector).
 *
 * <p>Each loop is its own method, called through an interface from one call site that sees several of them, so that
 * C2 compiles each on its own: inlined into the transforms, a loop could be compiled without the Vector API's
 * intrinsics when C2's inlining budget ran out first, and then ran the API's slow Java fallback. Loaded only when the
 * Vector API module is present.
 */
final class WinogradVector {
    private WinogradVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** dst[d + c] = Σ_q val[q]·src[s0 + idx[q]·step + c] for the whole vectors of [0, len); returns how many. */
    static int combine(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int len) {
        if (idx.length > 7) return 0;
        int end = S.loopBound(len);
        SUMS[idx.length].run(idx, val, src, s0, step, dst, d, end);
        return end;
    }

    /** The loop for one term count: dst[d + c] = Σ_q val[q]·src[s0 + idx[q]·step + c] for c &lt; end. */
    private interface Sum {
        void run(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end);
    }

    private static final Sum[] SUMS = {null, WinogradVector::sum1, WinogradVector::sum2, WinogradVector::sum3,
            WinogradVector::sum4, WinogradVector::sum5, WinogradVector::sum6, WinogradVector::sum7};

    private static void sum1(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0).intoArray(dst, d + c);
        }
    }

    private static void sum2(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1)).intoArray(dst, d + c);
        }
    }

    private static void sum3(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step, a2 = s0 + idx[2] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        FloatVector w2 = FloatVector.broadcast(S, val[2]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                    .add(FloatVector.fromArray(S, src, a2 + c).mul(w2)).intoArray(dst, d + c);
        }
    }

    private static void sum4(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step, a2 = s0 + idx[2] * step;
        int a3 = s0 + idx[3] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        FloatVector w2 = FloatVector.broadcast(S, val[2]);
        FloatVector w3 = FloatVector.broadcast(S, val[3]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                    .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                    .add(FloatVector.fromArray(S, src, a3 + c).mul(w3)).intoArray(dst, d + c);
        }
    }

    private static void sum5(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step, a2 = s0 + idx[2] * step;
        int a3 = s0 + idx[3] * step, a4 = s0 + idx[4] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        FloatVector w2 = FloatVector.broadcast(S, val[2]);
        FloatVector w3 = FloatVector.broadcast(S, val[3]);
        FloatVector w4 = FloatVector.broadcast(S, val[4]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                    .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                    .add(FloatVector.fromArray(S, src, a3 + c).mul(w3))
                    .add(FloatVector.fromArray(S, src, a4 + c).mul(w4)).intoArray(dst, d + c);
        }
    }

    private static void sum6(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step, a2 = s0 + idx[2] * step;
        int a3 = s0 + idx[3] * step, a4 = s0 + idx[4] * step, a5 = s0 + idx[5] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        FloatVector w2 = FloatVector.broadcast(S, val[2]);
        FloatVector w3 = FloatVector.broadcast(S, val[3]);
        FloatVector w4 = FloatVector.broadcast(S, val[4]);
        FloatVector w5 = FloatVector.broadcast(S, val[5]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                    .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                    .add(FloatVector.fromArray(S, src, a3 + c).mul(w3))
                    .add(FloatVector.fromArray(S, src, a4 + c).mul(w4))
                    .add(FloatVector.fromArray(S, src, a5 + c).mul(w5)).intoArray(dst, d + c);
        }
    }

    private static void sum7(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int end) {
        int a0 = s0 + idx[0] * step, a1 = s0 + idx[1] * step, a2 = s0 + idx[2] * step;
        int a3 = s0 + idx[3] * step, a4 = s0 + idx[4] * step, a5 = s0 + idx[5] * step;
        int a6 = s0 + idx[6] * step;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, val[1]);
        FloatVector w2 = FloatVector.broadcast(S, val[2]);
        FloatVector w3 = FloatVector.broadcast(S, val[3]);
        FloatVector w4 = FloatVector.broadcast(S, val[4]);
        FloatVector w5 = FloatVector.broadcast(S, val[5]);
        FloatVector w6 = FloatVector.broadcast(S, val[6]);
        for (int c = 0; c < end; c += V) {
            FloatVector.fromArray(S, src, a0 + c).mul(w0)
                    .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                    .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                    .add(FloatVector.fromArray(S, src, a3 + c).mul(w3))
                    .add(FloatVector.fromArray(S, src, a4 + c).mul(w4))
                    .add(FloatVector.fromArray(S, src, a5 + c).mul(w5))
                    .add(FloatVector.fromArray(S, src, a6 + c).mul(w6)).intoArray(dst, d + c);
        }
    }
}
