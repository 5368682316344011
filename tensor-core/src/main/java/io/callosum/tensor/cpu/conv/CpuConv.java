package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.cpu.gemm.CpuGemm;
import io.callosum.tensor.cpu.gemm.GemmPackedA;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.spi.Operand;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;

/**
 * Convolution as GEMM, one GEMM per image and channel group:
 * <pre>
 *   forward          y[g]  = W[g] · col(x[g])                 (Cout/G × K) · (K × P), col from {@link ConvIm2col}
 *   backward input   gx[g] = flip(W[g])ᵀ ⊛ gy[g]              stride 1: a forward convolution of gy
 *                    gx[g] = col2im(W[g]ᵀ · gy[g])            strided
 *   backward weight  gW[g] = Σ_images gy[g] · patches(x[g])   patches from {@link ConvPatches}, ≥ 16 channels
 *                    gW[g] = Σ_images gy[g] · col(x[g])ᵀ      fewer channels
 * </pre>
 * with K = Cin/G·KH·KW and P = OH·OW. The weights are packed for the micro-kernel once per call ({@link GemmPackedA}),
 * not once per image, and the column or patch matrices are read by the GEMM in place. A 1×1, stride-1, unpadded
 * convolution needs no column matrix: the input planes already are one. 3×3 stride-1 convolutions with enough
 * channels take Winograd's algorithm instead, in all three passes ({@link WinogradConv}). Work is split over
 * (image, group) items; each worker owns its scratch buffers, and the GEMMs inside a worker run serially (Parallel
 * runs nested ranges inline), while a single item lets the GEMM itself go parallel.
 */
public final class CpuConv {
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

    /** ConvKernels' forward on the CPU: Winograd for eligible 3×3 stride-1 layers, else im2col and GEMM; bias may be null. */
    public static void forward(Operand x, Operand w, Operand bias, Operand out, Conv2dGeometry g) {
        if (WinogradConv.applies(g)) {
            WinogradConv.forward(f(x), x.offset(), f(w), w.offset(), bias == null ? null : f(bias),
                    bias == null ? 0 : bias.offset(), f(out), out.offset(), g);
            return;
        }
        Dims d = Dims.of(g);
        GemmPackedA[] weights = packWeights(f(w), w.offset(), d, g.groups(), false);
        try {
            convolve(f(x), x.offset(), weights, bias == null ? null : f(bias), bias == null ? 0 : bias.offset(),
                    f(out), out.offset(), g);
        } finally {
            close(weights);
        }
    }

    /**
     * Y = W ⊛ X per (image, group) item with the weights already packed: im2col (unless the input planes already
     * are the column matrix), then one GEMM that reads the columns in place, then the bias, if any, added to the
     * finished outputs while they are in cache (the same rounding as a separate broadcast add).
     */
    private static void convolve(float[] X, int xBase, GemmPackedA[] weights, float[] B, int bBase, float[] Y,
                                 int yBase, Conv2dGeometry g) {
        Dims d = Dims.of(g);
        int groups = g.groups();
        Parallel.range(g.n() * groups, d.grain(), (s, e) -> {
            float[] col = d.scratch();
            try {
                for (int item = s; item < e; item++) {
                    int n = item / groups, gi = item % groups;
                    int xOff = xBase + (n * g.cin() + gi * d.cinG) * d.inPlane;
                    int yOff = yBase + (n * g.cout() + gi * d.coutG) * d.p;
                    float[] cols = X;
                    int colOff = xOff;
                    if (!d.direct) {
                        ConvIm2col.im2col(X, xOff, d.cinG, g, col);
                        cols = col;
                        colOff = 0;
                    }
                    CpuGemm.sgemm(weights[gi], false, d.p, cols, colOff, d.p, 0f, Y, yOff, d.p);
                    if (B != null) addBias(B, bBase + gi * d.coutG, d.coutG, Y, yOff, d.p);
                }
            } finally {
                release(col);
            }
        });
    }

    /** Y[yOff + co·p + i] += B[bOff + co] for co &lt; channels, i &lt; p. */
    private static void addBias(float[] B, int bOff, int channels, float[] Y, int yOff, int p) {
        for (int co = 0; co < channels; co++) {
            float b = B[bOff + co];
            for (int i = yOff + co * p, end = i + p; i < end; i++) Y[i] += b;
        }
    }

    /** The input gradient gx of a convolution: the transposed convolution of gy with w, overwriting gx. */
    public static void backwardInput(Operand gy, Operand w, Operand gx, Conv2dGeometry g) {
        Conv2dGeometry flipped = flippedGeometry(g);
        if (flipped != null) {
            // The flipped copy outlives the packing: small products read their A from it directly.
            float[] flippedW = flipWeights(f(w), w.offset(), g);
            try {
                if (WinogradConv.applies(flipped)) {
                    WinogradConv.forward(f(gy), gy.offset(), flippedW, 0, null, 0, f(gx), gx.offset(), flipped);
                    return;
                }
                GemmPackedA[] weights = packWeights(flippedW, 0, Dims.of(flipped), g.groups(), false);
                try {
                    convolve(f(gy), gy.offset(), weights, null, 0, f(gx), gx.offset(), flipped);
                } finally {
                    close(weights);
                }
            } finally {
                CpuBufferPool.release(flippedW);
            }
            return;
        }
        Dims d = Dims.of(g);
        float[] GY = f(gy), GX = f(gx);
        int groups = g.groups();
        GemmPackedA[] weightsT = packWeights(f(w), w.offset(), d, groups, true);
        try {
            Parallel.range(g.n() * groups, d.grain(), (s, e) -> {
                float[] col = d.scratch();
                try {
                    for (int item = s; item < e; item++) {
                        int n = item / groups, gi = item % groups;
                        int gxOff = gx.offset() + (n * g.cin() + gi * d.cinG) * d.inPlane;
                        int gyOff = gy.offset() + (n * g.cout() + gi * d.coutG) * d.p;
                        if (d.direct) {
                            CpuGemm.sgemm(weightsT[gi], false, d.p, GY, gyOff, d.p, 0f, GX, gxOff, d.p);
                        } else {
                            CpuGemm.sgemm(weightsT[gi], false, d.p, GY, gyOff, d.p, 0f, col, 0, d.p);
                            Arrays.fill(GX, gxOff, gxOff + d.cinG * d.inPlane, 0f);
                            ConvIm2col.col2im(col, d.cinG, g, GX, gxOff);
                        }
                    }
                } finally {
                    release(col);
                }
            });
        } finally {
            close(weightsT);
        }
    }

    /**
     * For a stride-1 convolution with a kernel wider than 1×1, the input gradient is itself a stride-1 convolution:
     * of gy, by the kernel flipped in both axes with its in/out channels swapped, padded by dilation·(k − 1) − pad.
     * Computed that way it is an im2col of gy and a GEMM straight into gx, instead of a GEMM into a column matrix
     * and a col2im that adds each element into gx kh·kw times (three times the cost per element). Returns that
     * convolution's geometry, or null when the identity does not apply (strided, or padded beyond the kernel).
     */
    static Conv2dGeometry flippedGeometry(Conv2dGeometry g) {
        int padH = g.dilationH() * (g.kh() - 1) - g.padH(), padW = g.dilationW() * (g.kw() - 1) - g.padW();
        if (g.strideH() != 1 || g.strideW() != 1 || padH < 0 || padW < 0 || g.kh() * g.kw() == 1) return null;
        return new Conv2dGeometry(g.n(), g.cout(), g.outH(), g.outW(), g.cin(), g.kh(), g.kw(), 1, 1, padH, padW,
                g.dilationH(), g.dilationW(), g.groups(), g.h(), g.w());
    }

    /** W'[gi·cinG + ci][co][i][j] = W[gi·coutG + co][ci][kh−1−i][kw−1−j], in a pooled buffer the caller releases. */
    private static float[] flipWeights(float[] W, int wOff, Conv2dGeometry g) {
        int groups = g.groups(), cinG = g.cin() / groups, coutG = g.cout() / groups, taps = g.kh() * g.kw();
        float[] flipped = CpuBufferPool.floats(g.cout() * cinG * taps);
        for (int gi = 0; gi < groups; gi++) {
            for (int co = 0; co < coutG; co++) {
                for (int ci = 0; ci < cinG; ci++) {
                    int src = wOff + ((gi * coutG + co) * cinG + ci) * taps;
                    int dst = ((gi * cinG + ci) * coutG + co) * taps;
                    for (int t = 0; t < taps; t++) flipped[dst + t] = W[src + taps - 1 - t];
                }
            }
        }
        return flipped;
    }

    /**
     * Each group's weights (coutG × K), or their transposes, packed once for the GEMMs of every image: packing them
     * per image cost as much as a fifth of a 12×12 layer's time.
     */
    private static GemmPackedA[] packWeights(float[] W, int wOff, Dims d, int groups, boolean transposed) {
        GemmPackedA[] packed = new GemmPackedA[groups];
        try {
            for (int gi = 0; gi < groups; gi++) {
                int off = wOff + gi * d.coutG * d.k;
                packed[gi] = transposed ? CpuGemm.packA(true, d.k, d.coutG, 1f, W, off, d.k)
                        : CpuGemm.packA(false, d.coutG, d.k, 1f, W, off, d.k);
            }
            return packed;
        } catch (RuntimeException | Error e) {
            close(packed);
            throw e;
        }
    }

    private static void close(GemmPackedA[] packed) {
        for (GemmPackedA a : packed) if (a != null) a.close();
    }

    /**
     * The batch is cut into contiguous chunks ({@link #weightGradientChunks}); each chunk sums its images in order
     * into its own partial (the first straight into gw), and the partials are added in chunk order, so the result
     * does not depend on scheduling.
     */
    public static void backwardWeight(Operand gy, Operand x, Operand gw, Conv2dGeometry g) {
        Dims d = Dims.of(g);
        float[] GY = f(gy), X = f(x), GW = f(gw);
        int size = g.cout() * d.k, n = g.n(), groups = g.groups();
        if (n == 0) {
            Arrays.fill(GW, gw.offset(), gw.offset() + size, 0f);
            return;
        }
        if (WinogradConv.applies(g)) {
            WinogradConv.backwardWeight(GY, gy.offset(), X, x.offset(), GW, gw.offset(), g);
            return;
        }
        if (d.cinG >= ConvPatches.MIN_CHANNELS) {
            backwardWeightFromPatches(GY, gy.offset(), X, x.offset(), GW, gw.offset(), g, d);
            return;
        }
        int chunks = weightGradientChunks(n, size);
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
                                ConvIm2col.im2col(X, xOff, d.cinG, g, col);
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

    /**
     * gW from tap-major patches ({@link ConvPatches}) read in place, one GEMM per image and group into the chunk's
     * own tap-major partial; the partials are then added in chunk order and turned back to (co, c, t) order in the
     * same pass, so the result does not depend on scheduling.
     */
    private static void backwardWeightFromPatches(float[] GY, int gyBase, float[] X, int xBase, float[] GW, int gwBase,
                                                  Conv2dGeometry g, Dims d) {
        int size = g.cout() * d.k, n = g.n(), groups = g.groups(), taps = g.kh() * g.kw();
        int chunks = weightGradientChunks(n, size);
        float[][] partial = new float[chunks][];
        try {
            Parallel.range(chunks, 1, (s, e) -> {
                float[] pixelMajor = CpuBufferPool.floats(g.cin() * d.inPlane);
                float[] rows = d.direct ? null : CpuBufferPool.floats(d.p * d.k);
                try {
                    for (int c = s; c < e; c++) {
                        float[] dst = partial[c] = CpuBufferPool.floats(size);
                        int from = c * n / chunks, to = (c + 1) * n / chunks;
                        for (int img = from; img < to; img++) {
                            ConvPatches.toPixelMajor(X, xBase + img * g.cin() * d.inPlane, g.cin(), d.inPlane,
                                    pixelMajor);
                            for (int gi = 0; gi < groups; gi++) {
                                // A 1×1 stride-1 kernel's patch matrix is the pixel-major image itself.
                                float[] b = d.direct ? pixelMajor : rows;
                                int bOff = d.direct ? gi * d.cinG : 0, ldb = d.direct ? g.cin() : d.k;
                                if (!d.direct) ConvPatches.patches(pixelMajor, g.cin(), gi * d.cinG, d.cinG, g, rows);
                                int gyOff = gyBase + (img * g.cout() + gi * d.coutG) * d.p;
                                CpuGemm.sgemm(false, false, d.coutG, d.k, d.p, 1f, GY, gyOff, d.p, b, bOff, ldb,
                                        img == from ? 0f : 1f, dst, gi * d.coutG * d.k, d.k);
                            }
                        }
                    }
                } finally {
                    CpuBufferPool.release(pixelMajor);
                    release(rows);
                }
            });
            Parallel.range(g.cout(), Math.max(1, CpuMemory.GRAIN / Math.max(1, d.k)), (s, e) -> {
                for (int c = 0; c < chunks; c++) {
                    ConvPatches.toChannelMajor(partial[c], s * d.k, GW, gwBase + s * d.k, e - s, taps, d.cinG, c > 0);
                }
            });
        } finally {
            for (float[] p : partial) if (p != null) CpuBufferPool.release(p);
        }
    }

    /**
     * Contiguous runs of images summed into one partial each: several per thread, so that a thread slowed down does
     * not leave the other waiting for half the batch, but no more than {@link #PARTIAL_FLOATS} floats of partials in
     * all beyond one per thread (a 512 × 4608 gradient on 16 threads would otherwise hold 600 MB of them). The count
     * depends only on the batch, the gradient's size and the thread count, so the sums are reproducible run to run.
     */
    static int weightGradientChunks(int images, int gradientFloats) {
        int threads = Parallel.threads();
        long affordable = Math.max(threads, PARTIAL_FLOATS / Math.max(1, gradientFloats));
        return (int) Math.min(images, Math.min(4L * threads, affordable));
    }

    /** Memory for weight-gradient partials before fewer chunks are used: 16 Mi floats (64 MiB). */
    static final long PARTIAL_FLOATS = 16L << 20;

    private static void release(float[] scratch) {
        if (scratch != null) CpuBufferPool.release(scratch);
    }
}
