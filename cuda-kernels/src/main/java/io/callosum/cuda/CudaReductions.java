package io.callosum.cuda;

import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.ReduceOp;
import jcuda.driver.CUdeviceptr;

import java.util.Arrays;

/**
 * reduce and topk (reduce.cu). x's dims split into kept and reduced geometries; {@link ReducePlan} picks a thread,
 * warp or block per output by row length, or for long rows over few outputs chunks reduced by separate blocks and
 * combined by a second kernel.
 */
final class CudaReductions extends Family {
    CudaReductions(CudaDevice dev) {
        super(dev);
    }

    void reduce(ReduceOp op, Operand x, int[] dims, Operand out) {
        int[] shape = x.shape(), strides = x.strides();
        boolean[] red = new boolean[shape.length];
        for (int d : dims) red[d] = true;
        int kr = 0, rr = 0;
        int[] ks = new int[shape.length], kst = new int[shape.length], rs = new int[shape.length], rst = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (red[d]) { rs[rr] = shape[d]; rst[rr++] = strides[d]; }
            else { ks[kr] = shape[d]; kst[kr++] = strides[d]; }
        }
        StridedGeometry kept = StridedGeometry.of(Arrays.copyOf(ks, kr), Arrays.copyOf(kst, kr));
        int nOut = (int) kept.numel();
        if (nOut == 0) return;
        if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            if (dims.length != 1) throw new IllegalArgumentException(op + ": reduces exactly one dimension, got " + Arrays.toString(dims));
            argReduce(op == ReduceOp.ARGMAX, x, kept, shape[dims[0]], strides[dims[0]], out, nOut);
            return;
        }
        StridedGeometry reduced = StridedGeometry.of(Arrays.copyOf(rs, rr), Arrays.copyOf(rst, rr));
        if (kept.rank() > StridedGeometry.MAX_DIMS || reduced.rank() > StridedGeometry.MAX_DIMS) {
            throw new UnsupportedOperationException(op + " over dims " + Arrays.toString(dims) + " of " + Shape.str(shape) + " with strides "
                    + Shape.str(strides) + " on " + dev.device + ": more than 8 non-mergeable kept or reduced dims; make the input contiguous first");
        }
        int R = (int) reduced.numel();
        int code = switch (op) {
            case SUM -> 0;
            case MEAN -> 1;
            case MAX -> 2;
            case MIN -> 3;
            default -> throw new IllegalStateException(op.name());
        };
        CUdeviceptr xp = ptr(x), op0 = ptr(out);
        if (x.dtype() == DType.INT32) {
            if (op == ReduceOp.MEAN) throw new IllegalArgumentException("MEAN reduces float32 (the op layer casts), got int32 " + Shape.str(shape));
            dev.launch1d("reduce", "reduce_thread_i32", nOut, code, kept.pack(), reduced.pack(), xp, R, nOut, op0);
            return;
        }
        if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException(op + ": reduces float32 or int32, got " + x.dtype());
        double scale = 1.0 / R;
        boolean innerContiguous = reduced.rank() == 0 || reduced.strides(0)[reduced.rank() - 1] == 1;
        ReducePlan plan = ReducePlan.choose(nOut, R, innerContiguous, dev.multiprocessors);
        int[] keptGeo = kept.pack(), redGeo = reduced.pack();
        switch (plan.strategy()) {
            case THREAD -> dev.launch("reduce", "reduce_thread_f32", plan.gridX(), 1, 1, plan.block(), 0,
                    code, keptGeo, redGeo, xp, R, nOut, op0, scale);
            case WARP -> dev.launch("reduce", "reduce_warp_f32", plan.gridX(), 1, 1, plan.block(), 0,
                    code, keptGeo, redGeo, xp, R, nOut, op0, scale);
            case BLOCK -> dev.launch("reduce", "reduce_block_f32", plan.gridX(), 1, 1, plan.block(), 0,
                    code, keptGeo, redGeo, xp, R, plan.chunkLen(), op0, KernelArgs.NULL, scale);
            case TWO_STAGE -> {
                try (CudaDevice.Scratch partial = dev.scratch(8L * nOut * plan.chunks())) {
                    dev.launch("reduce", "reduce_block_f32", plan.gridX(), plan.gridY(), 1, plan.block(), 0,
                            code, keptGeo, redGeo, xp, R, plan.chunkLen(), op0, partial.ptr, scale);
                    dev.launch1d("reduce", "reduce_finish_f32", nOut, code, partial.ptr, plan.chunks(), nOut, op0, scale);
                }
            }
        }
    }

    private void argReduce(boolean isMax, Operand x, StridedGeometry kept, int n, int sd, Operand out, int nOut) {
        String kernel = x.dtype() == DType.INT32 ? "argreduce_i32" : "argreduce_f32";
        int warpsPerBlock = CudaDevice.BLOCK / 32;
        int[] packed = kept.pack();
        int inner = kept.innerNumel();
        CUdeviceptr xp = ptr(x), op0 = ptr(out);
        for (int o = 0; o < kept.outerCount(); o++) {
            CUdeviceptr xs = xp.withByteOffset(4L * kept.outerOffsets(o)[0]);
            CUdeviceptr os = op0.withByteOffset(4L * o * inner);
            int grid = (int) Math.max(1, Math.min((inner + warpsPerBlock - 1L) / warpsPerBlock, dev.multiprocessors * 32L));
            dev.launch("reduce", kernel, grid, 1, 1, CudaDevice.BLOCK, 0, isMax ? 1 : 0, packed, xs, n, sd, inner, os);
        }
    }

    void topk(Operand x, int k, boolean largest, Operand values, Operand indices) {
        int rows = x.size(0), n = x.size(1);
        if (rows == 0 || k == 0) return;
        int p = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
        if (n == 1) p = 1;
        CUdeviceptr xp = ptr(x), vp = ptr(values), ip = ptr(indices);
        if (p <= 2048) {
            int block = Math.max(32, Math.min(1024, p));
            dev.launch("reduce", "topk_shared", rows, 1, 1, block, 8 * p, xp, n, p, k, largest ? 1 : 0, vp, ip);
            return;
        }
        long total = (long) rows * p;
        if (total > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException("topk over " + rows + " rows of " + n + " on " + dev.device + ": " + total + " sort keys exceed 2^31");
        }
        try (CudaDevice.Scratch keys = dev.scratch(8L * total)) {
            dev.launch1d("reduce", "topk_keys", total, xp, rows, n, p, largest ? 1 : 0, keys.ptr);
            for (int size = 2; size <= p; size <<= 1) {
                for (int j = size >> 1; j > 0; j >>= 1) dev.launch1d("reduce", "topk_step", total, keys.ptr, rows, p, j, size);
            }
            dev.launch1d("reduce", "topk_extract", (long) rows * k, xp, keys.ptr, rows, n, p, k, vp, ip);
        }
    }
}
