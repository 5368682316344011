package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Pool2dGeometry;

/** Max / average / adaptive pooling and nearest / bilinear resampling (pool.cu), NCHW contiguous. */
final class CudaPool extends Family {
    private final CudaMemoryOps memory;

    CudaPool(CudaDevice dev, CudaMemoryOps memory) {
        super(dev);
        this.memory = memory;
    }

    /** The pool.cu PoolGeo struct. */
    private static int[] geo(Pool2dGeometry g) {
        return new int[]{g.n() * g.c(), g.h(), g.w(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.padH(), g.padW(),
                g.dilationH(), g.dilationW(), g.countIncludePad() ? 1 : 0, g.outH(), g.outW()};
    }

    void maxForward(Operand x, Operand out, Operand indices, Pool2dGeometry g) {
        dev.launch1d("pool", "maxpool_fwd", (long) out.numel(), geo(g), ptr(x), ptr(out), ptr(indices));
    }

    void maxBackward(Operand gy, Operand indices, Operand gx, Pool2dGeometry g) {
        dev.launch1d("pool", "maxpool_bwd", (long) gx.numel(), geo(g), ptr(gy), ptr(indices), ptr(gx));
    }

    void avgForward(Operand x, Operand out, Pool2dGeometry g) {
        dev.launch1d("pool", "avgpool_fwd", (long) out.numel(), geo(g), ptr(x), ptr(out));
    }

    void avgBackward(Operand gy, Operand gx, Pool2dGeometry g) {
        dev.launch1d("pool", "avgpool_bwd", (long) gx.numel(), geo(g), ptr(gy), ptr(gx));
    }

    /** Kernels over planes of (in) → (out) sizes: args planes, h, w, oh, ow then the tensors. */
    private void planes(String kernel, Operand in, Operand out, long work, Object... tail) {
        int[] is = in.shape(), os = out.shape();
        Object[] args = new Object[5 + tail.length];
        args[0] = is[0] * is[1];
        args[1] = is[2];
        args[2] = is[3];
        args[3] = os[2];
        args[4] = os[3];
        System.arraycopy(tail, 0, args, 5, tail.length);
        dev.launch1d("pool", kernel, work, args);
    }

    void adaptiveForward(Operand x, Operand out) {
        planes("adaptive_avg_fwd", x, out, out.numel(), ptr(x), ptr(out));
    }

    void adaptiveBackward(Operand gy, Operand gx) {
        planes("adaptive_avg_bwd", gx, gy, gx.numel(), ptr(gy), ptr(gx));
    }

    void nearestForward(Operand x, Operand out) {
        planes("nearest_fwd", x, out, out.numel(), ptr(x), ptr(out));
    }

    void nearestBackward(Operand gy, Operand gx) {
        planes("nearest_bwd", gx, gy, gx.numel(), ptr(gy), ptr(gx));
    }

    void bilinearForward(Operand x, Operand out, boolean alignCorners) {
        planes("bilinear_fwd", x, out, out.numel(), alignCorners ? 1 : 0, ptr(x), ptr(out));
    }

    void bilinearBackward(Operand gy, Operand gx, boolean alignCorners) {
        memory.zero(ptr(gx), gx.numel());
        planes("bilinear_bwd", gx, gy, gy.numel(), alignCorners ? 1 : 0, ptr(gy), ptr(gx));
    }
}
