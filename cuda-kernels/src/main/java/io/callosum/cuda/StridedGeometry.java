package io.callosum.cuda;

import java.util.Arrays;

/**
 * The shape of an op and each operand's strides, with size-1 dims dropped and adjacent dims merged wherever every
 * operand is contiguous across them (so contiguous tensors become one dim). Packed into the kernels' {@code Geo}
 * struct (common.cuh): rank, 8 sizes, then 8 strides for each of 4 operands. Ops of more than 8 merged dims run as
 * several launches over the leading dims ({@link #outerCount()}, {@link #outerOffsets(int)}).
 */
final class StridedGeometry {
    static final int MAX_DIMS = 8;
    static final int MAX_OPERANDS = 4;
    static final int PACKED_INTS = 1 + MAX_DIMS + MAX_OPERANDS * MAX_DIMS;

    private final int[] shape;
    private final int[][] strides;

    private StridedGeometry(int[] shape, int[][] strides) {
        this.shape = shape;
        this.strides = strides;
    }

    /** Coalesces shape for operands with the given strides (each of shape.length entries). */
    static StridedGeometry of(int[] shape, int[]... operandStrides) {
        if (operandStrides.length > MAX_OPERANDS) throw new IllegalArgumentException("at most " + MAX_OPERANDS + " operands");
        int ops = operandStrides.length;
        int[] s = new int[shape.length];
        int[][] st = new int[ops][shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue;
            if (k > 0 && mergeable(s[k - 1], st, k - 1, shape[d], operandStrides, d)) {
                s[k - 1] *= shape[d];
                for (int o = 0; o < ops; o++) st[o][k - 1] = operandStrides[o][d];
                continue;
            }
            s[k] = shape[d];
            for (int o = 0; o < ops; o++) st[o][k] = operandStrides[o][d];
            k++;
        }
        int[] fs = Arrays.copyOf(s, k);
        int[][] fst = new int[ops][];
        for (int o = 0; o < ops; o++) fst[o] = Arrays.copyOf(st[o], k);
        return new StridedGeometry(fs, fst);
    }

    /** Outer dim (size outer, strides at index i) followed by inner dim d can be walked as one when outer = inner·size. */
    private static boolean mergeable(int outerSize, int[][] merged, int i, int innerSize, int[][] strides, int d) {
        for (int o = 0; o < strides.length; o++) {
            if ((long) merged[o][i] != (long) strides[o][d] * innerSize) return false;
        }
        return true;
    }

    int rank() {
        return shape.length;
    }

    int[] shape() {
        return shape.clone();
    }

    int[] strides(int operand) {
        return strides[operand].clone();
    }

    long numel() {
        long n = 1;
        for (int v : shape) n *= v;
        return n;
    }

    /** True when every operand walks memory with stride 1 (the kernels' "_c" fast path applies). */
    boolean contiguous() {
        if (shape.length == 0) return true;
        if (shape.length > 1) return false;
        for (int[] st : strides) if (st[0] != 1) return false;
        return true;
    }

    /** Number of launches needed: the product of the dims before the last {@value #MAX_DIMS}. */
    int outerCount() {
        int lead = Math.max(0, shape.length - MAX_DIMS);
        int n = 1;
        for (int d = 0; d < lead; d++) n *= shape[d];
        return n;
    }

    /** Each operand's element offset for the outer index {@code outer} (0 when rank ≤ 8). */
    int[] outerOffsets(int outer) {
        int lead = Math.max(0, shape.length - MAX_DIMS);
        int[] off = new int[strides.length];
        for (int d = lead - 1; d >= 0; d--) {
            int idx = outer % shape[d];
            outer /= shape[d];
            for (int o = 0; o < strides.length; o++) off[o] += idx * strides[o][d];
        }
        return off;
    }

    /** Number of elements per launch (the last ≤ 8 dims). */
    int innerNumel() {
        int lead = Math.max(0, shape.length - MAX_DIMS);
        int n = 1;
        for (int d = lead; d < shape.length; d++) n *= shape[d];
        return n;
    }

    /** The Geo struct of the last ≤ 8 dims. */
    int[] pack() {
        int lead = Math.max(0, shape.length - MAX_DIMS);
        int r = shape.length - lead;
        int[] p = new int[PACKED_INTS];
        p[0] = r;
        for (int d = 0; d < r; d++) {
            p[1 + d] = shape[lead + d];
            for (int o = 0; o < strides.length; o++) p[1 + MAX_DIMS + o * MAX_DIMS + d] = strides[o][lead + d];
        }
        return p;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Geo" + Arrays.toString(shape));
        for (int[] st : strides) sb.append(' ').append(Arrays.toString(st));
        return sb.toString();
    }
}
