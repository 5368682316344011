package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.cpu.gemm.CpuGemm;
import io.callosum.tensor.cpu.gemm.GemmBlocking;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Conv2dGeometry;

/**
 * 3×3 stride-1 convolutions by Winograd's minimal filtering F(m×m, 3×3) ({@link WinogradTransform}): the output is cut
 * into m×m tiles, each computed from an α×α input tile (α = m + 2) with α² multiplications per channel pair instead of
 * 9m², so the GEMMs do a quarter (F(4×4): 36 for 144) or a fifth (F(6×6): 64 for 324) of direct convolution's
 * multiply-adds, and the transforms add work linear in the activations:
 * <pre>
 *   forward           V[ξ] = Bᵀ·d·B per input tile (P × Cin)     U[ξ] = G·w·Gᵀ (Cin × Cout)
 *                     M[ξ] = V[ξ]·U[ξ]  for each of the α² tile positions ξ      y tile = Aᵀ·M·A
 *   backward weight   M'[ξ] = A·gy·Aᵀ per output-gradient tile    dU[ξ] = M'[ξ]ᵀ·V[ξ]    gW = Gᵀ·dU·G
 * </pre>
 * The weight gradient is the exact adjoint of the forward computation; the input gradient of a stride-1 convolution
 * is a forward convolution with the flipped kernel ({@link CpuConv#flippedGeometry}) and comes here through
 * {@link #forward}. Activations go pixel-major (channels innermost) so that every transform works on contiguous
 * runs of channels; the batch is processed in groups of images that bound the transformed operands' memory, each
 * group as three parallel phases (transform images, one GEMM per ξ, transform back). The tile size is chosen per
 * output size ({@link #transformFor}): F(6×6) on 6×6, 12×12 and 24×24 maps, F(4×4) on 3×3, 8×8 and 16×16.
 *
 * <p>Rounding: against a double-precision reference the largest error, in units of the largest output, is
 * 2–4·10⁻⁶ with F(4×4), 3–11·10⁻⁶ with F(6×6) and 3–5·10⁻⁷ for direct summation, growing with the channel count
 * (WinogradTest bounds it). {@link CpuSettings#winograd} turns the path off,
 * {@link CpuSettings#winogradTile} forces a tile size.
 */
public final class WinogradConv {
    private WinogradConv() {
    }

    /**
     * The transforms cost in proportion to Cin + Cout, the multiply-adds they save to Cin·Cout, so the path pays only
     * when the harmonic mean of the two channel counts, 2·Cin·Cout / (Cin + Cout), is at least this: from 64
     * channels up the Winograd path is the faster one at batch 64, forward and both gradients, below it the direct
     * path (benchmarks/diagnostics/WinogradAB.java compares the two).
     */
    static final int MIN_HARMONIC_CHANNELS = 64;
    /**
     * Floats of one transformed operand per group of images (24 MiB; the whole batch of 64 at 12×12 and 256
     * channels): bounds the images per group. Groups a third that size made the weight gradient's GEMMs 25 % slower
     * (three passes over dU instead of one) and the forward's no faster. Not final so that a test can make groups of
     * a few images.
     */
    static volatile int groupFloats = 6 << 20;

    /** A 3×3, stride-1, undilated, ungrouped convolution with enough channels ({@link #MIN_HARMONIC_CHANNELS}). */
    static boolean applies(Conv2dGeometry g) {
        if (!CpuSettings.winograd() || g.groups() != 1 || g.kh() != 3 || g.kw() != 3 || g.strideH() != 1 || g.strideW() != 1
                || g.dilationH() != 1 || g.dilationW() != 1
                || 2L * g.cin() * g.cout() < (long) MIN_HARMONIC_CHANNELS * (g.cin() + g.cout())) {
            return false;
        }
        // One image's transformed operand must fit an array (im2col's column matrix, 4× larger, would not either).
        WinogradTransform f = transformFor(g);
        long tiles = (long) GemmBlocking.ceilDiv(g.outH(), f.m) * GemmBlocking.ceilDiv(g.outW(), f.m);
        return (long) f.alpha * f.alpha * tiles * (Math.max(g.cin(), g.cout()) + 16) < Integer.MAX_VALUE;
    }

    /**
     * The tile size with fewer GEMM multiply-adds for this output size, α² per tile times the tiles that cover it
     * (12×12: F(6×6) 4 × 64 = 256 per channel pair, F(4×4) 9 × 36 = 324; 8×8: F(4×4) 144, F(6×6) 256); a tie goes
     * to F(4×4), which rounds less. The transforms cost about the same per output either way.
     */
    static WinogradTransform transformFor(Conv2dGeometry g) {
        int forced = CpuSettings.winogradTile();
        if (forced == 4) return WinogradTransform.F4X4_3X3;
        if (forced == 6) return WinogradTransform.F6X6_3X3;
        return products(g, WinogradTransform.F6X6_3X3) < products(g, WinogradTransform.F4X4_3X3)
                ? WinogradTransform.F6X6_3X3 : WinogradTransform.F4X4_3X3;
    }

    private static long products(Conv2dGeometry g, WinogradTransform f) {
        return (long) GemmBlocking.ceilDiv(g.outH(), f.m) * GemmBlocking.ceilDiv(g.outW(), f.m) * f.alpha * f.alpha;
    }

    /**
     * The tiling of a geometry: th × tw output tiles per image, read from an hp × wp pixel-major copy of the image
     * with the padding (and whatever the last tiles overhang) as zeros.
     */
    private record Tiles(WinogradTransform f, int th, int tw, int perImage, int hp, int wp, int images) {
        static Tiles of(Conv2dGeometry g, int widest) {
            WinogradTransform f = transformFor(g);
            int m = f.m, th = GemmBlocking.ceilDiv(g.outH(), m), tw = GemmBlocking.ceilDiv(g.outW(), m);
            int perImage = th * tw, a2 = f.alpha * f.alpha;
            int images = (int) Math.max(1, Math.min(g.n(), groupFloats / ((long) a2 * perImage * (widest + 16))));
            // Whole micro-kernel panels of tiles (8 rows) per group where a smaller group allows it.
            for (int fewer = images; images < g.n() && fewer > 1; fewer--) {
                if (fewer * perImage % 8 == 0) {
                    images = fewer;
                    break;
                }
            }
            return new Tiles(f, th, tw, perImage, th * m + f.r - 1, tw * m + f.r - 1, images);
        }

        int maxTiles() {
            return images * perImage;
        }

        /** α², the tile positions ξ: one GEMM each. */
        int positions() {
            return f.alpha * f.alpha;
        }
    }

    /** Y = W ⊛ X (+ bias): X at xBase is N × Cin × H × W, W at wOff Cout × Cin × 3 × 3, Y at yBase N × Cout × OH × OW. */
    static void forward(float[] X, int xBase, float[] W, int wOff, float[] bias, int bOff, float[] Y, int yBase,
                        Conv2dGeometry g) {
        int cin = g.cin(), cout = g.cout();
        Tiles t = Tiles.of(g, Math.max(cin, cout));
        int ldu = rowStride(cout), ldv = rowStride(cin), a2 = t.positions();
        float[] u = transformWeights(t.f, W, wOff, cout, cin, ldu);
        float[] v = CpuBufferPool.floats(a2 * t.maxTiles() * ldv);
        float[] m = CpuBufferPool.floats(a2 * t.maxTiles() * cout);
        try {
            for (int first = 0; first < g.n(); first += t.images) {
                int n0 = first, images = Math.min(t.images, g.n() - first), tiles = images * t.perImage;
                Parallel.range(images, 1, (s, e) -> inputTiles(X, xBase, n0, s, e, g, t, tiles, v, ldv));
                Parallel.range(a2, 1, (s, e) -> {
                    for (int xi = s; xi < e; xi++) {
                        CpuGemm.sgemm(false, false, tiles, cout, cin, 1f, v, xi * tiles * ldv, ldv,
                                u, xi * cin * ldu, ldu, 0f, m, xi * tiles * cout, cout);
                    }
                });
                Parallel.range(images, 1, (s, e) -> outputTiles(m, tiles, s, e, bias, bOff, Y, yBase, n0, g, t));
            }
        } finally {
            CpuBufferPool.release(u);
            CpuBufferPool.release(v);
            CpuBufferPool.release(m);
        }
    }

    /** gW = ∂/∂W of Σ gy·(W ⊛ X): X at xBase N × Cin × H × W, GY at gyBase N × Cout × OH × OW, GW at gwBase. */
    static void backwardWeight(float[] GY, int gyBase, float[] X, int xBase, float[] GW, int gwBase,
                               Conv2dGeometry g) {
        int cin = g.cin(), cout = g.cout();
        Tiles t = Tiles.of(g, Math.max(cin, cout));
        int ldv = rowStride(cin), a2 = t.positions();
        float[] v = CpuBufferPool.floats(a2 * t.maxTiles() * ldv);
        float[] mg = CpuBufferPool.floats(a2 * t.maxTiles() * cout);
        float[] du = CpuBufferPool.floats(a2 * cout * cin);
        try {
            for (int first = 0; first < g.n(); first += t.images) {
                int n0 = first, images = Math.min(t.images, g.n() - first), tiles = images * t.perImage;
                float beta = first == 0 ? 0f : 1f;
                Parallel.range(images, 1, (s, e) -> {
                    inputTiles(X, xBase, n0, s, e, g, t, tiles, v, ldv);
                    gradientTiles(GY, gyBase, n0, s, e, g, t, tiles, mg);
                });
                // Each ξ's sum runs over the groups in order, inside one GEMM per group: reproducible.
                Parallel.range(a2, 1, (s, e) -> {
                    for (int xi = s; xi < e; xi++) {
                        CpuGemm.sgemm(true, false, cout, cin, tiles, 1f, mg, xi * tiles * cout, cout,
                                v, xi * tiles * ldv, ldv, beta, du, xi * cout * cin, cin);
                    }
                });
            }
            if (g.n() == 0) java.util.Arrays.fill(du, 0, a2 * cout * cin, 0f);
            untransformWeightGradient(t.f, du, cout, cin, GW, gwBase);
        } finally {
            CpuBufferPool.release(v);
            CpuBufferPool.release(mg);
            CpuBufferPool.release(du);
        }
    }

    /**
     * V[ξ][p][c] = (Bᵀ·d·B)[ξ] for the input tiles of images [n0 + s, n0 + e): p counts tiles within the group, V[ξ]
     * is tiles × Cin with rows ldv apart.
     */
    private static void inputTiles(float[] X, int xBase, int n0, int s, int e, Conv2dGeometry g, Tiles t, int tiles,
                                   float[] v, int ldv) {
        transformImages(X, xBase + n0 * g.cin() * g.h() * g.w(), s, e, g.cin(), g.h(), g.w(), g.padH(), g.padW(),
                t.hp, t.wp, t.f.inputT, t, tiles, v, ldv);
    }

    /** M'[ξ][p][k] = (A·gy·Aᵀ)[ξ] for the output-gradient tiles, zeros where a tile overhangs the output. */
    private static void gradientTiles(float[] GY, int gyBase, int n0, int s, int e, Conv2dGeometry g, Tiles t,
                                      int tiles, float[] mg) {
        transformImages(GY, gyBase + n0 * g.cout() * g.outH() * g.outW(), s, e, g.cout(), g.outH(), g.outW(), 0, 0,
                t.th * t.f.m, t.tw * t.f.m, t.f.adjointOutput, t, tiles, mg, g.cout());
    }

    /**
     * The tiles of channel-major images [s, e) from src[off…], out[ξ][tile][c] = (L·window·Lᵀ)[ξ] with rows ld apart:
     * each image is copied pixel-major into an hp × wp buffer at (top, left), zeros around it, so that every
     * L.cols × L.cols window (m apart) is a set of contiguous channel runs.
     */
    private static void transformImages(float[] src, int off, int s, int e, int channels, int h, int w, int top,
                                        int left, int hp, int wp, WinogradTransform.Coefficients l, Tiles t,
                                        int tiles, float[] out, int ld) {
        int line = wp * channels;
        float[] image = CpuBufferPool.floats(hp * line);
        float[] tmp = CpuBufferPool.floats(l.rows * l.cols * channels);
        try {
            for (int i = s; i < e; i++) {
                ConvPatches.toPixelMajor(src, off + i * channels * h * w, channels, h, w, top, left, hp, wp, image);
                for (int ty = 0, p = i * t.perImage; ty < t.th; ty++) {
                    for (int tx = 0; tx < t.tw; tx++, p++) {
                        WinogradTiles.transform(l, image, (ty * line + tx * channels) * t.f.m, line, channels, out,
                                p * ld, l.rows * tiles * ld, tiles * ld, channels, tmp);
                    }
                }
            }
        } finally {
            CpuBufferPool.release(image);
            CpuBufferPool.release(tmp);
        }
    }

    /** y tiles = Aᵀ·M[·][p]·A for images [n0 + s, n0 + e), cropped to OH × OW, back to channel-major with the bias. */
    private static void outputTiles(float[] mm, int tiles, int s, int e, float[] bias, int bOff, float[] Y, int yBase,
                                    int n0, Conv2dGeometry g, Tiles t) {
        int cout = g.cout(), alpha = t.f.alpha, m = t.f.m, wp = t.tw * m, line = wp * cout;
        float[] image = CpuBufferPool.floats(t.th * m * line);
        float[] tmp = CpuBufferPool.floats(m * alpha * cout);
        try {
            for (int i = s; i < e; i++) {
                for (int ty = 0, p = i * t.perImage; ty < t.th; ty++) {
                    for (int tx = 0; tx < t.tw; tx++, p++) {
                        WinogradTiles.transform(t.f.outputT, mm, p * cout, alpha * tiles * cout, tiles * cout,
                                image, (ty * line + tx * cout) * m, line, cout, cout, tmp);
                    }
                }
                WinogradTiles.toChannelMajor(image, wp, cout, g.outH(), g.outW(), bias, bOff, Y,
                        yBase + (n0 + i) * cout * g.outH() * g.outW());
            }
        } finally {
            CpuBufferPool.release(image);
            CpuBufferPool.release(tmp);
        }
    }

    /**
     * U[ξ][c][k] = (G·w[k][c]·Gᵀ)[ξ], rows ldu apart: W (Cout × Cin·9) is transposed to (c, tap, k) so that each
     * input channel's nine taps are contiguous runs of output channels, and the transform runs along them, split
     * between the threads.
     */
    private static float[] transformWeights(WinogradTransform f, float[] W, int wOff, int cout, int cin, int ldu) {
        int alpha = f.alpha;
        float[] byTap = CpuBufferPool.floats(9 * cin * cout);
        float[] u = CpuBufferPool.floats(alpha * alpha * cin * ldu);
        try {
            ConvPatches.toPixelMajor(W, wOff, cout, cin * 9, byTap);
            Parallel.range(cin, Math.max(1, CpuMemory.GRAIN / (alpha * alpha * cout)), (s, e) -> {
                float[] tmp = CpuBufferPool.floats(alpha * 3 * cout);
                try {
                    for (int c = s; c < e; c++) {
                        WinogradTiles.transform(f.filter, byTap, c * 9 * cout, 3 * cout, cout, u, c * ldu,
                                alpha * cin * ldu, cin * ldu, cout, tmp);
                    }
                } finally {
                    CpuBufferPool.release(tmp);
                }
            });
            return u;
        } catch (RuntimeException | Error e) {
            CpuBufferPool.release(u);
            throw e;
        } finally {
            CpuBufferPool.release(byTap);
        }
    }

    /**
     * The row stride for n floats that a GEMM reads in place as B: a multiple of 32 floats (128 bytes) would put the
     * rows of a B panel in a few L1 sets (256-float rows: 4 of 64), which then evict each other, so such rows get 16
     * floats of slack.
     */
    static int rowStride(int n) {
        return n % 32 == 0 ? n + 16 : n;
    }

    /** GW[k][c][t] = (Gᵀ·dU[·][k][c]·G)[t], through the tap-major (k, t, c) layout the transform writes per k. */
    private static void untransformWeightGradient(WinogradTransform f, float[] du, int cout, int cin, float[] GW,
                                                  int gwBase) {
        int size = cout * cin, alpha = f.alpha;
        Parallel.range(cout, Math.max(1, CpuMemory.GRAIN / (alpha * alpha * cin)), (s, e) -> {
            float[] tapMajor = CpuBufferPool.floats(9 * cin);
            float[] tmp = CpuBufferPool.floats(3 * alpha * cin);
            try {
                for (int k = s; k < e; k++) {
                    WinogradTiles.transform(f.adjointFilter, du, k * cin, alpha * size, size, tapMajor, 0, 3 * cin, cin,
                            cin, tmp);
                    ConvPatches.toChannelMajor(tapMajor, 0, GW, gwBase + k * cin * 9, 1, 9, cin, false);
                }
            } finally {
                CpuBufferPool.release(tapMajor);
                CpuBufferPool.release(tmp);
            }
        });
    }
}
