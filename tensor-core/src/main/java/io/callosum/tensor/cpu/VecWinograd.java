package io.callosum.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API body of {@link WinogradTiles#combine}: the whole vectors of a run, each output vector summed in
 * registers from its sources and stored once. Multiplies and adds in the scalar loop's order (no FMA), so both paths
 * give the same bits. The Winograd matrices have at most seven non-zeros per row (F(6×6, 3×3)'s Aᵀ; F(4×4)'s five);
 * each count has its own loop with the coefficients broadcast once outside it — a loop over the terms inside the
 * vector loop ran ≈ 4× slower (the JIT re-broadcast every coefficient per vector). Loaded only when the Vector API module is present.
 */
final class VecWinograd {
    private VecWinograd() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** dst[d + c] = Σ_q val[q]·src[s0 + idx[q]·step + c] for the whole vectors of [0, len); returns how many. */
    static int combine(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int len) {
        int terms = idx.length;
        if (terms > 7) return 0;
        int end = S.loopBound(len);
        int a0 = s0 + idx[0] * step;
        int a1 = terms > 1 ? s0 + idx[1] * step : a0, a2 = terms > 2 ? s0 + idx[2] * step : a0;
        int a3 = terms > 3 ? s0 + idx[3] * step : a0, a4 = terms > 4 ? s0 + idx[4] * step : a0;
        int a5 = terms > 5 ? s0 + idx[5] * step : a0, a6 = terms > 6 ? s0 + idx[6] * step : a0;
        FloatVector w0 = FloatVector.broadcast(S, val[0]);
        FloatVector w1 = FloatVector.broadcast(S, terms > 1 ? val[1] : 0f);
        FloatVector w2 = FloatVector.broadcast(S, terms > 2 ? val[2] : 0f);
        FloatVector w3 = FloatVector.broadcast(S, terms > 3 ? val[3] : 0f);
        FloatVector w4 = FloatVector.broadcast(S, terms > 4 ? val[4] : 0f);
        FloatVector w5 = FloatVector.broadcast(S, terms > 5 ? val[5] : 0f);
        FloatVector w6 = FloatVector.broadcast(S, terms > 6 ? val[6] : 0f);
        switch (terms) {
            case 1 -> {
                for (int c = 0; c < end; c += V) FloatVector.fromArray(S, src, a0 + c).mul(w0).intoArray(dst, d + c);
            }
            case 2 -> {
                for (int c = 0; c < end; c += V) {
                    FloatVector.fromArray(S, src, a0 + c).mul(w0)
                            .add(FloatVector.fromArray(S, src, a1 + c).mul(w1)).intoArray(dst, d + c);
                }
            }
            case 3 -> {
                for (int c = 0; c < end; c += V) {
                    FloatVector.fromArray(S, src, a0 + c).mul(w0)
                            .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                            .add(FloatVector.fromArray(S, src, a2 + c).mul(w2)).intoArray(dst, d + c);
                }
            }
            case 4 -> {
                for (int c = 0; c < end; c += V) {
                    FloatVector.fromArray(S, src, a0 + c).mul(w0)
                            .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                            .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                            .add(FloatVector.fromArray(S, src, a3 + c).mul(w3)).intoArray(dst, d + c);
                }
            }
            case 5 -> {
                for (int c = 0; c < end; c += V) {
                    FloatVector.fromArray(S, src, a0 + c).mul(w0)
                            .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                            .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                            .add(FloatVector.fromArray(S, src, a3 + c).mul(w3))
                            .add(FloatVector.fromArray(S, src, a4 + c).mul(w4)).intoArray(dst, d + c);
                }
            }
            case 6 -> {
                for (int c = 0; c < end; c += V) {
                    FloatVector.fromArray(S, src, a0 + c).mul(w0)
                            .add(FloatVector.fromArray(S, src, a1 + c).mul(w1))
                            .add(FloatVector.fromArray(S, src, a2 + c).mul(w2))
                            .add(FloatVector.fromArray(S, src, a3 + c).mul(w3))
                            .add(FloatVector.fromArray(S, src, a4 + c).mul(w4))
                            .add(FloatVector.fromArray(S, src, a5 + c).mul(w5)).intoArray(dst, d + c);
                }
            }
            default -> {
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
        return end;
    }
}
