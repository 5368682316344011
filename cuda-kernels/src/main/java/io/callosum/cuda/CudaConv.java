package io.callosum.cuda;

import io.callosum.cuda.vendor.Cudnn;
import io.callosum.tensor.DType;
import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.spi.Operand;
import jcuda.driver.CUdeviceptr;

/**
 * 2-D convolution: cuDNN when it loaded and one of its ranked algorithms runs the geometry, else im2col + GEMM (conv.cu + {@link CudaGemm}) per group, over chunks of
 * images sized so the column buffer stays under -Dcallosum.cuda.im2colBytes (default 256 MiB).
 */
final class CudaConv extends Family {
    private static final long COLUMN_BYTES = Long.getLong("callosum.cuda.im2colBytes", 256L << 20);

    private final CudaGemm gemm;
    private final CudaMemoryOps memory;
    private final Cudnn cudnn;

    CudaConv(CudaDevice dev, CudaGemm gemm, CudaMemoryOps memory, Cudnn cudnn) {
        super(dev);
        this.gemm = gemm;
        this.memory = memory;
        this.cudnn = cudnn;
    }

    boolean usesCudnn() {
        return cudnn != null;
    }

    /** The conv.cu ConvGeo struct. */
    private static int[] geo(Conv2dGeometry g) {
        return new int[]{g.cin(), g.h(), g.w(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.padH(), g.padW(),
                g.dilationH(), g.dilationW(), g.outH(), g.outW()};
    }

    private static int chunk(Conv2dGeometry g, long columnFloatsPerImage) {
        return (int) Math.max(1, Math.min(g.n(), COLUMN_BYTES / Math.max(1, 4 * columnFloatsPerImage)));
    }

    void forward(Operand x, Operand w, Operand bias, Operand out, Conv2dGeometry g) {
        CUdeviceptr xp = ptr(x), wp = ptr(w), op = ptr(out);
        if (cudnn == null || !cudnn.convolutionForward(dev, g, xp, wp, op)) {
            int cinG = g.cin() / g.groups(), coutG = g.cout() / g.groups();
            int K = cinG * g.kh() * g.kw(), P = g.outH() * g.outW();
            int chunk = chunk(g, (long) K * P);
            try (CudaDevice.Scratch col = dev.scratch(4L * chunk * K * P)) {
                for (int n0 = 0; n0 < g.n(); n0 += chunk) {
                    int nb = Math.min(chunk, g.n() - n0);
                    for (int gi = 0; gi < g.groups(); gi++) {
                        im2col(g, xp, n0, nb, gi * cinG, cinG, col.ptr, P, (long) K * P);
                        // out[n, group] (coutG × P) = W_group (coutG × K) · col[n] (K × P), batched over the chunk's images
                        gemm.gemmRaw(false, false, coutG, P, K, 1f, wp.withByteOffset(4L * gi * coutG * K), K, 0,
                                col.ptr, P, (long) K * P, 0f,
                                op.withByteOffset(4L * ((long) n0 * g.cout() + (long) gi * coutG) * P), P, (long) g.cout() * P, nb);
                    }
                }
            }
        }
        if (bias != null) {
            int total = out.numel();
            dev.launch1d("conv", "add_channel_bias", total, op, ptr(bias), g.cout(), g.outH() * g.outW(), total);
        }
    }

    void backwardInput(Operand gy, Operand w, Operand gx, Conv2dGeometry g) {
        CUdeviceptr gyp = ptr(gy), wp = ptr(w), gxp = ptr(gx);
        if (cudnn != null && cudnn.convolutionBackwardData(dev, g, wp, gyp, gxp)) return;
        int cinG = g.cin() / g.groups(), coutG = g.cout() / g.groups();
        int K = cinG * g.kh() * g.kw(), P = g.outH() * g.outW();
        int chunk = chunk(g, (long) K * P);
        try (CudaDevice.Scratch col = dev.scratch(4L * chunk * K * P)) {
            for (int n0 = 0; n0 < g.n(); n0 += chunk) {
                int nb = Math.min(chunk, g.n() - n0);
                for (int gi = 0; gi < g.groups(); gi++) {
                    // col[n] (K × P) = W_groupᵀ (K × coutG) · gy[n, group] (coutG × P)
                    gemm.gemmRaw(true, false, K, P, coutG, 1f, wp.withByteOffset(4L * gi * coutG * K), K, 0,
                            gyp.withByteOffset(4L * ((long) n0 * g.cout() + (long) gi * coutG) * P), P, (long) g.cout() * P,
                            0f, col.ptr, P, (long) K * P, nb);
                    int total = nb * cinG * g.h() * g.w();
                    dev.launch1d("conv", "col2im", total, geo(g), col.ptr, nb, gi * cinG, cinG, (long) P, (long) K * P,
                            gxp.withByteOffset(4L * n0 * g.cin() * g.h() * g.w()));
                }
            }
        }
    }

    void backwardWeight(Operand gy, Operand x, Operand gw, Conv2dGeometry g) {
        CUdeviceptr gyp = ptr(gy), xp = ptr(x), gwp = ptr(gw);
        if (cudnn != null && cudnn.convolutionBackwardFilter(dev, g, xp, gyp, gwp)) return;
        int cinG = g.cin() / g.groups(), coutG = g.cout() / g.groups();
        int K = cinG * g.kh() * g.kw(), P = g.outH() * g.outW();
        int chunk = chunk(g, (long) K * P + (long) coutG * P);
        try (CudaDevice.Scratch col = dev.scratch(4L * chunk * K * P);
             CudaDevice.Scratch gyT = dev.scratch(4L * chunk * coutG * P)) {
            for (int n0 = 0; n0 < g.n(); n0 += chunk) {
                int nb = Math.min(chunk, g.n() - n0);
                for (int gi = 0; gi < g.groups(); gi++) {
                    // columns as [K][images·P] and gy of the group as [coutG][images·P]: one GEMM sums over images
                    im2col(g, xp, n0, nb, gi * cinG, cinG, col.ptr, (long) nb * P, P);
                    memory.copyRaw(new int[]{nb, coutG, P}, DType.FLOAT32,
                            gyp.withByteOffset(4L * ((long) n0 * g.cout() + (long) gi * coutG) * P), new int[]{g.cout() * P, P, 1},
                            DType.FLOAT32, gyT.ptr, new int[]{P, nb * P, 1});
                    // gw_group (coutG × K) (+)= gyᵀ (coutG × nb·P) · colᵀ (nb·P × K)
                    gemm.gemmRaw(false, true, coutG, K, nb * P, 1f, gyT.ptr, nb * P, 0, col.ptr, nb * P, 0,
                            n0 == 0 ? 0f : 1f, gwp.withByteOffset(4L * gi * coutG * K), K, 0, 1);
                }
            }
        }
    }

    private void im2col(Conv2dGeometry g, CUdeviceptr xp, int n0, int images, int cStart, int cCount, CUdeviceptr col, long ldK, long ldN) {
        long total = (long) images * cCount * g.kh() * g.kw() * g.outH() * g.outW();
        if (total > Integer.MAX_VALUE) throw new UnsupportedOperationException("im2col of " + total + " elements on " + dev.device);
        dev.launch1d("conv", "im2col", total, geo(g), xp.withByteOffset(4L * n0 * g.cin() * g.h() * g.w()), images, cStart, cCount, col, ldK, ldN);
    }
}
