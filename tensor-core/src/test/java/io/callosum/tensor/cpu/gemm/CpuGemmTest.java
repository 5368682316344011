package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.testing.Ref;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CpuGemm.sgemm against a double-precision reference: every transpose combination, sizes on both sides of each
 * block edge (micro-tile, mc, kc, nc, the direct-path threshold, the split over threads), operands inside larger
 * arrays (offsets, leading dimensions with NaN in the gaps, which must be neither read nor written), the alpha/beta
 * cases BLAS defines, and both CPU paths.
 */
class CpuGemmTest {

    /** The CPU code path under test. */
    enum Path {
        VECTOR(false), SCALAR(true);

        final boolean scalar;

        Path(boolean scalar) {
            this.scalar = scalar;
        }

        AutoCloseable activate() {
            boolean prev = CpuSettings.setScalar(scalar);
            return () -> CpuSettings.setScalar(prev);
        }
    }

    /** A rows × cols row-major matrix inside a larger array: offset, leading dimension, NaN in every gap. */
    record Stored(float[] data, int off, int ld, int rows, int cols) {
        static Stored random(long seed, int rows, int cols, int extraLd, int off) {
            int ld = cols + extraLd;
            float[] data = new float[off + rows * ld + 5];
            Arrays.fill(data, Float.NaN);
            float[] values = Ref.uniform(seed, rows * cols, -1, 1);
            for (int r = 0; r < rows; r++) System.arraycopy(values, r * cols, data, off + r * ld, cols);
            return new Stored(data, off, ld, rows, cols);
        }

        float at(int r, int c) {
            return data[off + r * ld + c];
        }

        boolean inside(int index) {
            int rel = index - off;
            return rel >= 0 && rel / ld < rows && rel % ld < cols;
        }
    }

    /** (m, n, k) on both sides of every edge the implementation has (see CpuGemm, GemmBlocking). */
    static final int[][] SHAPES = {
            {1, 1, 1}, {3, 17, 63}, {17, 3, 65}, {1, 257, 63},            // direct path
            {63, 65, 17}, {65, 63, 130}, {3, 257, 130}, {257, 65, 3},    // packed, ragged micro-tiles
            {64, 64, 64}, {48, 96, 256},                                 // whole tiles only (6-, 8- and 4-row kernels)
            {33, 65, 600}, {17, 130, 257},                               // k over one and two kc blocks, uneven
            {130, 33, 257}, {257, 130, 513},                             // m over the mc block, split over threads
            {256, 33, 70}, {257, 40, 70},                                // B read in place up to 256 rows, then packed
            {9, 4133, 5}, {1, 4100, 9},                                  // n over the nc block
            {1030, 5, 4100}, {5, 1030, 4100},                            // A rows, B columns over 16 MiB packed
            {3, 40, 4500},                                               // k over one chunk
    };

    /** sgemm's signature: the entry point, or one kernel driven through GemmBlocking directly. */
    @FunctionalInterface
    interface Sgemm {
        void run(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {-0.5f, 0.25f}, {2f, -1f}};

    static Stream<Arguments> cases() {
        return Stream.of(Path.values()).flatMap(path -> Stream.of(SHAPES).map(s -> Arguments.of(path, s[0], s[1], s[2])));
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("cases")
    void matchesDoubleReferenceForEveryTransposeAndAlphaBeta(Path path, int m, int n, int k) throws Exception {
        try (var on = path.activate()) {
            checkAllTransposesAndAlphaBeta("sgemm", CpuGemm::sgemm, m, n, k);
        }
    }

    /**
     * op(A) packed once and multiplied by two different Bs (the convolution's use): each product must equal the
     * reference, and the second must not be disturbed by the first having run.
     */
    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("cases")
    void packedAMatchesDoubleReferenceAndCanBeReused(Path path, int m, int n, int k) throws Exception {
        try (var on = path.activate()) {
            Sgemm packedTwice = (ta, tb, mm, nn, kk, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) -> {
                try (GemmPackedA packed = CpuGemm.packA(ta, mm, kk, alpha, a, aOff, lda)) {
                    // A first product into a scratch C with another B (all ones) …
                    float[] ones = filled(b.length, 1f), scratch = new float[Math.max(1, mm * nn)];
                    CpuGemm.sgemm(packed, tb, nn, ones, bOff, ldb, 0f, scratch, 0, nn);
                    for (int i = 0; i < mm; i++) {
                        double rowSum = 0;
                        for (int p = 0; p < kk; p++) rowSum += alpha * (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                        for (int j = 0; j < nn; j++) {
                            assertEquals(rowSum, scratch[i * nn + j], 1e-4 * (1 + Math.abs(rowSum)) * Math.sqrt(kk),
                                    "packed A times ones, row " + i + ", column " + j);
                        }
                    }
                    // … then the product under test, from the same packed A.
                    CpuGemm.sgemm(packed, tb, nn, b, bOff, ldb, beta, c, cOff, ldc);
                }
            };
            checkAllTransposesAndAlphaBeta("packed A", packedTwice, m, n, k);
        }
    }

    @Test
    void packedAIsRefusedAfterCloseAndBadOperandsAreNamed() {
        float[] a = filled(64 * 64, 1f), b = filled(64 * 64, 1f), c = new float[64 * 64];
        GemmPackedA packed = CpuGemm.packA(false, 64, 64, 1f, a, 0, 64);
        packed.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> CpuGemm.sgemm(packed, false, 64, b, 0, 64, 0f, c, 0, 64));
        assertTrue(closed.getMessage().contains("after close"), closed.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.packA(false, 64, 65, 1f, a, 0, 65));
        assertTrue(tooShort.getMessage().contains("A (m×k = 64×65"), tooShort.getMessage());
        try (GemmPackedA ok = CpuGemm.packA(false, 64, 64, 1f, a, 0, 64)) {
            IllegalArgumentException bBad = assertThrows(IllegalArgumentException.class,
                    () -> CpuGemm.sgemm(ok, false, 64, b, 10, 64, 0f, c, 0, 64));
            assertTrue(bBad.getMessage().contains("B (k×n = 64×64, offset 10"), bBad.getMessage());
        }
    }

    /**
     * Every kernel shape, whatever this machine's vector width picks: the 6-row kernel is the one AVX2 machines run.
     * Driven through GemmBlocking so that the blocking, packing and edge tiles are exercised around each.
     */
    @Test
    void everyKernelShapeMatchesDoubleReference() {
        for (GemmMicroKernel kernel : everyKernel()) {
            GemmBlocking blocking = GemmBlocking.of(kernel);
            Sgemm direct = (ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) ->
                    blocking.multiply(m, n, k, alpha, a, aOff, ta ? 1 : lda, ta ? lda : 1, b, bOff, tb ? 1 : ldb, tb ? ldb : 1,
                            beta, c, cOff, ldc, Parallel.threads());
            for (int[] s : new int[][]{{1, 1, 1}, {13, 37, 5}, {19, 70, 300}, {140, 33, 9}, {300, 40, 20}, {7, 4100, 3}}) {
                checkAllTransposesAndAlphaBeta(kernel.getClass().getSimpleName(), direct, s[0], s[1], s[2]);
            }
        }
    }

    /**
     * A read in place (rows contiguous along k, or a transposed A's columns, alpha = 1) must give exactly what the
     * packed panels give: the same products summed in the same order. Shapes with a ragged last row panel, several kc
     * slices, several mc blocks and a leading dimension wider than the operand, for every kernel; a transposed A
     * wider than {@link GemmBlocking#TRANSPOSED_IN_PLACE_MAX_STRIDE} is packed either way and must agree too.
     */
    @Test
    void aReadInPlaceEqualsPackedABitForBit() {
        for (GemmMicroKernel kernel : everyKernel()) {
            GemmBlocking blocking = GemmBlocking.of(kernel);
            for (int[] s : new int[][]{{8, 32, 16}, {19, 70, 300}, {300, 40, 20}, {141, 129, 600}, {1030, 20, 24}}) {
                int m = s[0], n = s[1], k = s[2];
                float[] b = Ref.uniform(k, k * n, -1, 1);
                for (boolean transposed : new boolean[]{false, true}) {
                    // op(A)[i][p] = a[i·aRow + p·aInner]: rows of A (m × lda) or columns of a transposed A (k × lda)
                    int lda = (transposed ? m : k) + 3, aRow = transposed ? 1 : lda, aInner = transposed ? lda : 1;
                    float[] a = Ref.uniform(m + n, (transposed ? k : m) * lda, -1, 1);
                    for (float beta : new float[]{0f, 0.5f}) {
                        float[] inPlace = Ref.uniform(7, m * n, -1, 1), packed = inPlace.clone();
                        boolean prev = GemmBlocking.readAInPlace;
                        try {
                            for (boolean readInPlace : new boolean[]{true, false}) {
                                GemmBlocking.readAInPlace = readInPlace;
                                blocking.multiply(m, n, k, 1f, a, 0, aRow, aInner, b, 0, n, 1, beta,
                                        readInPlace ? inPlace : packed, 0, n, Parallel.threads());
                            }
                        } finally {
                            GemmBlocking.readAInPlace = prev;
                        }
                        for (int i = 0; i < m * n; i++) {
                            assertEquals(packed[i], inPlace[i], 0f, kernel.getClass().getSimpleName() + " m=" + m + " n=" + n
                                    + " k=" + k + (transposed ? " transposed" : "") + " beta=" + beta + ": C[" + i / n + "][" + i % n + "]");
                        }
                    }
                }
            }
        }
    }

    /** The scalar kernel and, when the Vector API is loaded, both vector tile shapes whatever this machine picks. */
    static List<GemmMicroKernel> everyKernel() {
        List<GemmMicroKernel> kernels = new ArrayList<>(List.of(GemmScalarKernel.INSTANCE));
        if (CpuFeatures.vectorModulePresent()) {
            kernels.add(new GemmVectorKernel.Rows8());
            kernels.add(new GemmVectorKernel.Rows6());
        }
        return kernels;
    }

    static void checkAllTransposesAndAlphaBeta(String name, Sgemm gemm, int m, int n, int k) {
        long seed = 31L * m + 17L * n + k;
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            for (float[] ab : ALPHA_BETA) {
                Stored a = ta ? Stored.random(++seed, k, m, 3, 7) : Stored.random(++seed, m, k, 2, 5);
                Stored b = tb ? Stored.random(++seed, n, k, 1, 3) : Stored.random(++seed, k, n, 4, 11);
                Stored c = Stored.random(++seed, m, n, 6, 2);
                // beta = 0 must ignore whatever C holds, NaN included.
                if (ab[1] == 0f) for (int i = 0; i < m; i++) Arrays.fill(c.data, c.off + i * c.ld, c.off + i * c.ld + n, Float.NaN);
                checkSgemm(name, gemm, ta, tb, m, n, k, ab[0], a, b, ab[1], c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void zeroAlphaOrEmptyInnerDimensionOnlyScalesC(Path path) throws Exception {
        try (var on = path.activate()) {
            int m = 70, n = 90, k = 40;
            Stored nanA = new Stored(filled(m * k, Float.NaN), 0, k, m, k), nanB = new Stored(filled(k * n, Float.NaN), 0, n, k, n);
            for (float beta : new float[]{0f, 1f, -3f}) {
                // alpha = 0: A and B are not read (BLAS), so their NaNs do not reach C
                Stored c = Stored.random(beta == 0 ? 1 : 2, m, n, 0, 0);
                float[] before = c.data.clone();
                CpuGemm.sgemm(false, false, m, n, k, 0f, nanA.data, 0, k, nanB.data, 0, n, beta, c.data, 0, n);
                for (int i = 0; i < m * n; i++) assertEquals(beta * before[i], c.data[i], 0f, "alpha = 0, beta = " + beta + ", element " + i);
                // k = 0: the product is empty
                c = Stored.random(3, m, n, 0, 0);
                if (beta == 0f) Arrays.fill(c.data, Float.NaN);
                before = c.data.clone();
                CpuGemm.sgemm(true, true, m, n, 0, 1f, new float[0], 0, m, new float[0], 0, 0, beta, c.data, 0, n);
                for (int i = 0; i < m * n; i++) assertEquals(beta == 0f ? 0f : beta * before[i], c.data[i], 0f, "k = 0, beta = " + beta + ", element " + i);
            }
            float[] untouched = filled(6, 4f);
            CpuGemm.sgemm(false, false, 0, 3, 2, 1f, new float[0], 0, 2, filled(6, 1f), 0, 3, 0f, untouched, 0, 3);
            CpuGemm.sgemm(false, false, 2, 0, 3, 1f, filled(6, 1f), 0, 3, new float[0], 0, 0, 0f, untouched, 0, 0);
            assertTrue(Arrays.equals(filled(6, 4f), untouched), "m = 0 or n = 0 leaves C alone");
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void nanAndInfinityInOperandsPropagateLikeIeee(Path path) throws Exception {
        try (var on = path.activate()) {
            for (int size : new int[]{5, 70}) {
                float[] a = filled(size * size, 1f), b = filled(size * size, 0f), c = new float[size * size];
                a[2 * size + 3] = Float.NaN;                           // row 2 of C: NaN·0 = NaN
                a[4 * size + 1] = Float.POSITIVE_INFINITY;             // row 4: ∞·0 = NaN, no skipping zeros
                b[size - 1] = 2f;                                      // B[0][size-1] keeps one finite column
                CpuGemm.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        float expected = i == 2 || i == 4 ? Float.NaN : j == size - 1 ? 2f : 0f;
                        assertEquals(expected, c[i * size + j], 0f, "size " + size + ", C[" + i + "][" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void eachPathRunsItsOwnKernel() throws Exception {
        try (var on = Path.SCALAR.activate()) {
            assertInstanceOf(GemmScalarKernel.class, GemmMicroKernel.current());
        }
        assumeTrue(CpuFeatures.vectorModulePresent(), "jdk.incubator.vector not loaded");
        try (var on = Path.VECTOR.activate()) {
            GemmMicroKernel kernel = GemmMicroKernel.current();
            assertTrue(kernel instanceof GemmVectorKernel.Rows8 || kernel instanceof GemmVectorKernel.Rows6, kernel.toString());
            assertEquals(0, kernel.nr() % jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length());
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void batchedEntryMatchesReferenceForEveryEntry(Path path) throws Exception {
        try (var on = path.activate()) {
            // {batch, m, n, k}: tiny entries (one task), and entries small enough to be spread over the threads
            for (int[] s : new int[][]{{9, 7, 5, 6}, {80, 48, 40, 44}}) {
                int batch = s[0], m = s[1], n = s[2], k = s[3];
                float[] a = Ref.uniform(40, batch * m * k, -1, 1), b = Ref.uniform(41, k * n, -1, 1);
                Tensor ta = Tensor.of(a, batch, m, k), tb = Tensor.of(b, k, n), tc = Tensor.of(new float[batch * m * n], batch, m, n);
                // B is shared (batch stride 0), as broadcast matmul passes it.
                CpuGemm.gemm(false, false, m, n, k, 1f, ta, k, (long) m * k, tb, n, 0, 0f, tc, n, (long) m * n, batch);
                double[] expected = new double[batch * m * n];
                for (int q = 0; q < batch; q++) {
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) sum += (double) a[(q * m + i) * k + p] * b[p * n + j];
                            expected[(q * m + i) * n + j] = sum;
                        }
                    }
                }
                Ref.assertClose("batched gemm " + Arrays.toString(s), expected, tc.toFloatArray(), 1e-5, 1e-5);
            }
        }
    }

    @Test
    void operandsThatDoNotFitAreRejectedByName() {
        float[] x = new float[20];
        var e = assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.sgemm(false, false, 4, 5, 5, 1f, x, 0, 3, x, 0, 5, 0f, new float[20], 0, 5));
        assertEquals("sgemm: A (m×k = 4×5, offset 0, ld 3): leading dimension must be at least 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.sgemm(false, true, 4, 5, 4, 1f, x, 0, 4, x, 2, 4, 0f, new float[20], 0, 5));
        assertEquals("sgemm: B (n×k = 5×4, offset 2, ld 4): needs 22 elements, array has 20", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.sgemm(false, false, 4, 5, 1, 1f, x, 0, 1, x, 0, 5, 0f, new float[20], -1, 5));
        assertEquals("sgemm: C (m×n = 4×5, offset -1, ld 5): negative offset", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.sgemm(false, false, 2, -1, 1, 1f, x, 0, 1, x, 0, 5, 0f, x, 0, 5));
        assertEquals("sgemm: negative size m=2, n=-1, k=1", e.getMessage());
    }

    /**
     * Runs sgemm and checks every element of C against the double sum, with a bound that scales with the magnitudes
     * summed (so cancellation does not make it meaningless) and √k (rounding errors add up like a random walk);
     * every element of C's array outside the matrix must keep its exact bits.
     */
    static void checkSgemm(String name, Sgemm gemm, boolean ta, boolean tb, int m, int n, int k, float alpha, Stored a, Stored b, float beta, Stored c) {
        float[] before = c.data.clone();
        gemm.run(ta, tb, m, n, k, alpha, a.data, a.off, a.ld, b.data, b.off, b.ld, beta, c.data, c.off, c.ld);
        String what = String.format("%s(%s, %s, m=%d, n=%d, k=%d, alpha=%s, beta=%s)", name, ta ? "T" : "N", tb ? "T" : "N", m, n, k, alpha, beta);
        double rel = 2e-6 * Math.sqrt(k + 2);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) alpha * (ta ? a.at(p, i) : a.at(i, p)) * (tb ? b.at(j, p) : b.at(p, j));
                    sum += term;
                    magnitude += Math.abs(term);
                }
                if (beta != 0f) {
                    double old = (double) beta * before[c.off + i * c.ld + j];
                    sum += old;
                    magnitude += Math.abs(old);
                }
                float got = c.at(i, j);
                if (!(Math.abs(got - sum) <= rel * magnitude + 1e-30)) {
                    throw new AssertionError(String.format("%s: C[%d][%d] = %.8g, expected %.8g (bound %.3g)", what, i, j, got, sum, rel * magnitude));
                }
            }
        }
        for (int idx = 0; idx < before.length; idx++) {
            if (!c.inside(idx) && Float.floatToRawIntBits(before[idx]) != Float.floatToRawIntBits(c.data[idx])) {
                throw new AssertionError(what + ": wrote outside C at array index " + idx);
            }
        }
    }

    static float[] filled(int n, float v) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }
}
