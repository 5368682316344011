package io.callosum.tensor.cpu.pool;

import io.callosum.tensor.spi.Pool2dGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling with the Vector API for column strides 1 and 2: one vector holds the windows of {@code L} neighbouring
 * output columns. Each tap of the window is two contiguous loads and a shuffle of their lanes into place (for
 * stride 2 the even lanes of both, for stride 1 the first load as it is) — measured several times faster than a
 * gather. The running maximum and its index are updated with blends in the scalar path's order and rule, {@code v >
 * max || v != v}, so ties keep the first element and a later NaN takes the index. The indices ride in a float
 * vector as raw int bits (a blend moves bits unchanged), so no conversion runs in the loop. Planes whose output
 * rows are narrower than a vector go through {@link #maxPlane} instead, one gather per tap over several rows.
 * Loaded only when the Vector API module is present.
 */
final class PoolVector {
    private PoolVector() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();

    /** Lane j of a tap takes input column j·stride: which lane of which load that is, and the int offsets. */
    record Columns(int stride, VectorShuffle<Float> shuffle, VectorMask<Float> fromSecond, int[] offsets) {
        /** Null when the stride has no vector layout here (the scalar cells then do every column). */
        static Columns of(int stride) {
            if (stride != 1 && stride != 2) return null;
            int[] lane = new int[L], offsets = new int[L];
            boolean[] second = new boolean[L];
            for (int j = 0; j < L; j++) {
                offsets[j] = j * stride;
                lane[j] = offsets[j] % L;
                second[j] = offsets[j] >= L;
            }
            return new Columns(stride, VectorShuffle.fromArray(S, lane, 0), VectorMask.fromArray(S, second, 0), offsets);
        }
    }

    /**
     * Output row cells [qLo, qHi) (windows wholly inside the input horizontally) of one plane; {@code taps} are the
     * window's in-bounds elements relative to its first column, in row-major order (not empty). Vectors start L
     * apart, the last one moved back to end at qHi (recomputing a few cells is cheaper than a scalar tail). Returns
     * the first column not done: qHi, or qLo when the row is narrower than a vector, or earlier when a vector's
     * loads would run past the end of the array.
     *
     * <p>The taps are one flat loop on purpose: with a nested loop over window columns the JIT keeps the vectors
     * in memory between iterations (measured 3× slower).
     */
    static int maxRow(float[] x, int plane, int[] taps, int padW, Columns cols, int qLo, int qHi,
                      float[] y, int yRow, int[] idx, int idxRow) {
        if (qHi - qLo < L) return qLo;
        int sw = cols.stride();
        VectorShuffle<Float> shuffle = cols.shuffle();
        VectorMask<Float> fromSecond = cols.fromSecond();
        IntVector lanes = IntVector.fromArray(SI, cols.offsets(), 0);
        FloatVector minusInf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int lastTap = taps[taps.length - 1] - padW;
        for (int q = qLo; ; q += L) {
            q = Math.min(q, qHi - L);
            int w0 = q * sw - padW;
            if (plane + lastTap + q * sw + 2 * L > x.length) return q;
            FloatVector max = minusInf;
            FloatVector arg = lanes.add(taps[0] + w0).reinterpretAsFloats();
            for (int tap : taps) {
                int at = tap + w0;
                FloatVector v = FloatVector.fromArray(S, x, plane + at).rearrange(shuffle)
                        .blend(FloatVector.fromArray(S, x, plane + at + L).rearrange(shuffle), fromSecond);
                VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
                max = max.blend(v, take);
                arg = arg.blend(lanes.add(at).reinterpretAsFloats(), take);
            }
            max.intoArray(y, yRow + q);
            arg.reinterpretAsInts().intoArray(idx, idxRow + q);
            if (q == qHi - L) return qHi;
        }
    }

    /**
     * A plane pooled as one flat run of outputs, for output rows narrower than a vector: chunk k covers outputs
     * [start[k], start[k] + L) (the last chunk moved back to end at the plane's end), lane j of chunk k reads input
     * offset {@code offsets[k·L + j]} + tap. Only for geometries whose every window lies inside the input, so all
     * outputs share one tap list.
     */
    record Plane(int[] start, int[] offsets, int[] taps) {
        /** Null when some window reaches into padding or past the input, or the plane has fewer outputs than L. */
        static Plane of(Pool2dGeometry g) {
            int oh = g.outH(), ow = g.outW(), outputs = oh * ow;
            boolean inside = g.padH() == 0 && g.padW() == 0
                    && (oh - 1) * g.strideH() + (g.kh() - 1) * g.dilationH() < g.h()
                    && (ow - 1) * g.strideW() + (g.kw() - 1) * g.dilationW() < g.w();
            if (!inside || outputs < L) return null;
            int chunks = (outputs + L - 1) / L;
            int[] start = new int[chunks], offsets = new int[chunks * L];
            for (int k = 0; k < chunks; k++) {
                start[k] = Math.min(k * L, outputs - L);
                for (int j = 0; j < L; j++) {
                    int o = start[k] + j;
                    offsets[k * L + j] = (o / ow) * g.strideH() * g.w() + (o % ow) * g.strideW();
                }
            }
            int[] taps = new int[g.kh() * g.kw()];
            for (int ky = 0, t = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) taps[t++] = ky * g.dilationH() * g.w() + kx * g.dilationW();
            }
            return new Plane(start, offsets, taps);
        }
    }

    /** Every output of one plane through {@link Plane}'s chunks: same update rule as {@link #maxRow}. */
    static void maxPlane(float[] x, int plane, Plane p, float[] y, int yPlane, int[] idx, int idxPlane) {
        FloatVector minusInf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int[] offsets = p.offsets(), taps = p.taps();
        for (int k = 0; k < p.start().length; k++) {
            IntVector lanes = IntVector.fromArray(SI, offsets, k * L);
            FloatVector max = minusInf;
            FloatVector arg = lanes.add(taps[0]).reinterpretAsFloats();
            for (int tap : taps) {
                FloatVector v = FloatVector.fromArray(S, x, plane + tap, offsets, k * L);
                VectorMask<Float> take = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
                max = max.blend(v, take);
                arg = arg.blend(lanes.add(tap).reinterpretAsFloats(), take);
            }
            max.intoArray(y, yPlane + p.start()[k]);
            arg.reinterpretAsInts().intoArray(idx, idxPlane + p.start()[k]);
        }
    }

    static int lanes() {
        return L;
    }
}
