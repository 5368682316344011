package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.Parallel;

/**
 * op(A) packed once, whole, in the layout {@link GemmBlocking} streams through its micro-kernel — slice s (inner
 * indices [s·kc, s·kc + kb)) at {@code roundUp(m, mr)·s·kc}, panel q of it {@code q·mr·kb} further — so that a
 * product which multiplies one A by many Bs (a convolution's weights by every image's column matrix) pays for the
 * copy once instead of once per product. alpha is folded in. The source operand is kept for products too small to
 * be worth the blocked path. Release the packed copy with {@link #close()}.
 */
public final class GemmPackedA implements AutoCloseable {
    final GemmMicroKernel kernel;
    final int m, k, kc;
    final float alpha;
    /** The source: op(A)[i][p] = source[offset + i·rowStride + p·innerStride]. */
    final float[] source;
    final int offset, rowStride, innerStride;
    private float[] packed;

    private GemmPackedA(GemmMicroKernel kernel, int m, int k, float alpha, float[] source, int offset, int rowStride,
                        int innerStride) {
        this.kernel = kernel;
        this.m = m;
        this.k = k;
        this.kc = GemmBlocking.sliceDepth(k);
        this.alpha = alpha;
        this.source = source;
        this.offset = offset;
        this.rowStride = rowStride;
        this.innerStride = innerStride;
    }

    /** Packs m × k op(A) for {@code kernel}; the slices are packed in parallel when there is enough of them. */
    static GemmPackedA pack(GemmMicroKernel kernel, int m, int k, float alpha, float[] source, int offset,
                            int rowStride, int innerStride) {
        GemmPackedA a = new GemmPackedA(kernel, m, k, alpha, source, offset, rowStride, innerStride);
        int mr = kernel.mr(), padded = GemmBlocking.roundUp(m, mr), panels = padded / mr, kc = a.kc;
        float[] dst = CpuBufferPool.floats(padded * k);
        int slices = GemmBlocking.ceilDiv(k, kc);
        long perSlice = (long) padded * kc;
        Parallel.range(slices, (int) Math.max(1, (1 << 16) / Math.max(1, perSlice)), (s, e) -> {
            for (int slice = s; slice < e; slice++) {
                int pc = slice * kc, kb = Math.min(kc, k - pc);
                GemmPacking.pack(source, offset + pc * innerStride, rowStride, innerStride, m, kb, mr, alpha, dst,
                        padded * pc, 0, panels);
            }
        });
        a.packed = dst;
        return a;
    }

    /** The packed panels. */
    float[] panels() {
        if (packed == null) throw new IllegalStateException("GemmPackedA: used after close()");
        return packed;
    }

    @Override
    public void close() {
        if (packed != null) CpuBufferPool.release(packed);
        packed = null;
    }
}
