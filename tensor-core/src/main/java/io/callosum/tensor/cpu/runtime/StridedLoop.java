package io.callosum.tensor.cpu.runtime;

/**
 * Walks the logical index space of a shape for several operands with their own strides, one innermost row at a time.
 * Adjacent dimensions that are contiguous for every operand are merged first, so contiguous tensors become one row.
 */
public final class StridedLoop {
    /** Called per row: offs[k] is operand k's offset at the row start; the row has len elements. */
    @FunctionalInterface
    public interface Row {
        /** Processes one row. */
        void run(int[] offs, int len);
    }

    final int[] shape;
    final int[][] strides;
    final int rank;
    final int ops;
    /** Elements in the loop's index space. */
    public final int numel;

    private StridedLoop(int[] shape, int[][] strides) {
        this.shape = shape;
        this.strides = strides;
        this.rank = shape.length;
        this.ops = strides.length;
        long n = 1;
        for (int d : shape) n *= d;
        this.numel = (int) n;
    }

    /** Builds a loop over shape for operands with the given strides (each of shape.length), coalescing dims. */
    public static StridedLoop of(int[] shape, int[]... strides) {
        if (shape.length == 0) {
            int[][] st = new int[strides.length][1];
            return new StridedLoop(new int[]{1}, st);
        }
        int r = shape.length;
        int[] s = new int[r];
        int[][] st = new int[strides.length][r];
        int k = 0;
        for (int d = 0; d < r; d++) {
            if (shape[d] == 1 && r > 1) continue; // size-1 dims contribute nothing
            if (k > 0 && mergeable(s[k - 1], st, k - 1, shape[d], strides, d)) {
                for (int o = 0; o < strides.length; o++) st[o][k - 1] = strides[o][d];
                s[k - 1] *= shape[d];
                continue;
            }
            s[k] = shape[d];
            for (int o = 0; o < strides.length; o++) st[o][k] = strides[o][d];
            k++;
        }
        if (k == 0) {
            s[0] = 1;
            k = 1;
        }
        int[] fs = java.util.Arrays.copyOf(s, k);
        int[][] fst = new int[strides.length][];
        for (int o = 0; o < strides.length; o++) fst[o] = java.util.Arrays.copyOf(st[o], k);
        return new StridedLoop(fs, fst);
    }

    private static boolean mergeable(int prevSize, int[][] st, int prev, int size, int[][] strides, int d) {
        for (int o = 0; o < strides.length; o++) {
            if (st[o][prev] != strides[o][d] * size) return false;
        }
        return true;
    }

    /** Operand op's stride along rows (within one row, consecutive elements are this far apart). */
    public int innerStride(int op) {
        return strides[op][rank - 1];
    }

    boolean innerContiguous(int op) {
        return strides[op][rank - 1] == 1;
    }

    /** Visits the logical elements [start, end) row by row, starting from the operands' base offsets. */
    public void forRange(int start, int end, int[] base, Row row) {
        if (start >= end) return;
        int inner = shape[rank - 1];
        int[] idx = new int[rank];
        int rem = start;
        for (int d = rank - 1; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
        }
        int[] offs = new int[ops];
        for (int o = 0; o < ops; o++) {
            int off = base[o];
            for (int d = 0; d < rank; d++) off += idx[d] * strides[o][d];
            offs[o] = off;
        }
        int pos = start;
        int[] rowOffs = new int[ops];
        while (pos < end) {
            int col = idx[rank - 1];
            int len = Math.min(inner - col, end - pos);
            System.arraycopy(offs, 0, rowOffs, 0, ops);
            row.run(rowOffs, len);
            pos += len;
            if (pos >= end) break;
            // advance to the start of the next row
            for (int o = 0; o < ops; o++) offs[o] += (len) * strides[o][rank - 1];
            idx[rank - 1] = col + len;
            for (int d = rank - 1; d > 0 && idx[d] == shape[d]; d--) {
                for (int o = 0; o < ops; o++) offs[o] += strides[o][d - 1] - shape[d] * strides[o][d];
                idx[d] = 0;
                idx[d - 1]++;
            }
        }
    }

    /** Whole index space, split over threads when large (grain in elements). */
    public void forAll(int[] base, int grain, Row row) {
        Parallel.range(numel, grain, (s, e) -> forRange(s, e, base, row));
    }
}
