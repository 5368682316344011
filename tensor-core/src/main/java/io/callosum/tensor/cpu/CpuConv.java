package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Conv2dGeometry;

import java.util.Arrays;

import static io.callosum.tensor.cpu.CpuMemory.f;

/**
 * Convolution as GEMM over the im2col column matrix ({@link Im2col}), one GEMM per image and channel group:
 * <pre>
 *   forward          y[g]  = W[g] · col(x[g])            (Cout/G × K) · (K × P)
 *   backward input   gx[g] = col2im(W[g]ᵀ · gy[g])
 *   backward weight  gW[g] = Σ_images gy[g] · col(x[g])ᵀ
 * </pre>
 * with K = Cin/G·KH·KW and P = OH·OW. A 1×1, stride-1, unpadded convolution needs no column matrix: the input planes
 * already are one. Work is split over (image, group) items; each worker owns its scratch column buffer, and the GEMMs
 * inside a worker run serially (Parallel runs nested ranges inline), while a single item lets the GEMM itself go
 * parallel.
 */
final class CpuConv {
    private CpuConv() {
    }

    /** Multiply-adds below which an item is not worth a thread hand-off. */
    private static final long GRAIN_MACS = 1 << 16;

    /** The per-group matrix dimensions of a geometry. */
    private record Dims(int cinG, int coutG, int k, int p, int inPlane, boolean direct) {
        static Dims of(Conv2dGeometry g) {
            int cinG = g.cin() / g.groups(), coutG = g.cout() / g.groups();
            boolean direct = g.kh() == 1 && g.kw() == 1 && g.strideH() == 1 && g.strideW() == 1
                    && g.padH() == 0 && g.padW() == 0 && g.outH() == g.h() && g.outW() == g.w();
            return new Dims(cinG, coutG, cinG * g.kh() * g.kw(), g.outH() * g.outW(), g.h() * g.w(), direct);
        }

        float[] scratch() {
            return direct ? null : CpuBufferPool.floats(k * p);
        }

        int grain() {
            long macs = (long) coutG * k * p;
            return (int) Math.max(1, GRAIN_MACS / Math.max(1, macs));
        }
    }

    static void forward(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dGeometry g) {
        Dims d = Dims.of(g);
        float[] X = f(x), W = f(w), Y = f(out), B = bias == null ? null : f(bias);
        int groups = g.groups();
        Parallel.range(g.n() * groups, d.grain(), (s, e) -> {
            float[] col = d.scratch();
            try {
                for (int item = s; item < e; item++) {
                    int n = item / groups, gi = item % groups;
                    int xOff = x.offset() + (n * g.cin() + gi * d.cinG) * d.inPlane;
                    int yOff = out.offset() + (n * g.cout() + gi * d.coutG) * d.p;
                    float beta = 0f;
                    if (B != null) {
                        for (int co = 0; co < d.coutG; co++) {
                            int row = yOff + co * d.p;
                            Arrays.fill(Y, row, row + d.p, B[bias.offset() + gi * d.coutG + co]);
                        }
                        beta = 1f;
                    }
                    float[] cols = X;
                    int colOff = xOff;
                    if (!d.direct) {
                        Im2col.im2col(X, xOff, d.cinG, g, col);
                        cols = col;
                        colOff = 0;
                    }
                    CpuGemm.sgemm(false, false, d.coutG, d.p, d.k, 1f, W, w.offset() + gi * d.coutG * d.k, d.k,
                            cols, colOff, d.p, beta, Y, yOff, d.p);
                }
            } finally {
                release(col);
            }
        });
    }

    static void backwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dGeometry g) {
        Dims d = Dims.of(g);
        float[] GY = f(gy), W = f(w), GX = f(gx);
        int groups = g.groups();
        Parallel.range(g.n() * groups, d.grain(), (s, e) -> {
            float[] col = d.scratch();
            try {
                for (int item = s; item < e; item++) {
                    int n = item / groups, gi = item % groups;
                    int gxOff = gx.offset() + (n * g.cin() + gi * d.cinG) * d.inPlane;
                    int gyOff = gy.offset() + (n * g.cout() + gi * d.coutG) * d.p;
                    int wOff = w.offset() + gi * d.coutG * d.k;
                    if (d.direct) {
                        CpuGemm.sgemm(true, false, d.k, d.p, d.coutG, 1f, W, wOff, d.k, GY, gyOff, d.p, 0f, GX, gxOff, d.p);
                    } else {
                        CpuGemm.sgemm(true, false, d.k, d.p, d.coutG, 1f, W, wOff, d.k, GY, gyOff, d.p, 0f, col, 0, d.p);
                        Arrays.fill(GX, gxOff, gxOff + d.cinG * d.inPlane, 0f);
                        Im2col.col2im(col, d.cinG, g, GX, gxOff);
                    }
                }
            } finally {
                release(col);
            }
        });
    }

    /**
     * The batch is cut into one contiguous chunk per thread; each chunk sums its images in order into its own
     * partial (the first straight into gw), and the partials are added in chunk order, so the result does not
     * depend on scheduling.
     */
    static void backwardWeight(Tensor gy, Tensor x, Tensor gw, Conv2dGeometry g) {
        Dims d = Dims.of(g);
        float[] GY = f(gy), X = f(x), GW = f(gw);
        int size = g.cout() * d.k, n = g.n(), groups = g.groups();
        if (n == 0) {
            Arrays.fill(GW, gw.offset(), gw.offset() + size, 0f);
            return;
        }
        int chunks = Math.min(n, Parallel.threads());
        float[][] partial = new float[chunks][];
        Parallel.range(chunks, 1, (s, e) -> {
            float[] col = d.scratch();
            try {
                for (int c = s; c < e; c++) {
                    float[] dst = c == 0 ? GW : (partial[c] = CpuBufferPool.floats(size));
                    int dstOff = c == 0 ? gw.offset() : 0;
                    int from = c * n / chunks, to = (c + 1) * n / chunks;
                    for (int img = from; img < to; img++) {
                        float beta = img == from ? 0f : 1f;
                        for (int gi = 0; gi < groups; gi++) {
                            int xOff = x.offset() + (img * g.cin() + gi * d.cinG) * d.inPlane;
                            int gyOff = gy.offset() + (img * g.cout() + gi * d.coutG) * d.p;
                            float[] cols = X;
                            int colOff = xOff;
                            if (!d.direct) {
                                Im2col.im2col(X, xOff, d.cinG, g, col);
                                cols = col;
                                colOff = 0;
                            }
                            CpuGemm.sgemm(false, true, d.coutG, d.k, d.p, 1f, GY, gyOff, d.p, cols, colOff, d.p,
                                    beta, dst, dstOff + gi * d.coutG * d.k, d.k);
                        }
                    }
                }
            } finally {
                release(col);
            }
        });
        int base = gw.offset();
        Parallel.range(size, CpuMemory.GRAIN, (s, e) -> {
            for (int c = 1; c < chunks; c++) {
                float[] p = partial[c];
                for (int i = s; i < e; i++) GW[base + i] += p[i];
            }
        });
        for (int c = 1; c < chunks; c++) release(partial[c]);
    }

    private static void release(float[] scratch) {
        if (scratch != null) CpuBufferPool.release(scratch);
    }
}
