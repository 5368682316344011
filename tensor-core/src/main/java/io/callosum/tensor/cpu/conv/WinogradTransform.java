package io.callosum.tensor.cpu.conv;

/**
 * The three matrices of Winograd's minimal filtering algorithm F(m, r) — m outputs of an r-tap correlation
 * y[i] = Σ_k d[i + k]·g[k] from α = m + r − 1 inputs with α multiplications instead of m·r:
 * <pre>
 *   y = Aᵀ · [(G·g) ⊙ (Bᵀ·d)]        1-D
 *   Y = Aᵀ · [(G·g·Gᵀ) ⊙ (Bᵀ·d·B)] · A  2-D, m×m outputs of an r×r kernel from an α×α tile
 * </pre>
 * derived by Toom–Cook from α − 1 finite interpolation points p_j and the point at infinity: Aᵀ[i][j] = p_jⁱ,
 * G[j][k] = p_jᵏ / Π_{l≠j}(p_j − p_l), and row j of Bᵀ holds the coefficients of Π_{l≠j}(x − p_l) (the infinity row:
 * of Π_l(x − p_l)). Derived in double and rounded once, so F(2, 3) and F(4, 3) are the same code (with points 0, ±1
 * and 0, ±1, ±2 this reproduces Lavin and Gray's published matrices exactly).
 */
final class WinogradTransform {
    final int m, r, alpha;
    /** m × α, α × r and α × α, in double (for tests) and as the float coefficients the kernels use. */
    final double[][] at, g, bt;
    final Coefficients outputT, filter, inputT;
    /** Aᵀ and Gᵀ's transposes, for the adjoint transforms of the weight gradient. */
    final Coefficients adjointOutput, adjointFilter;

    /**
     * F(4×4, 3×3): 4× fewer multiplications. With the points 0, ±1, 1/2, −2 rather than Lavin and Gray's 0, ±1, ±2 it
     * rounds 2–3× less (measured against a double reference at 64–256 channels: largest error 2–3·10⁻⁶ of the largest
     * output instead of 6–9·10⁻⁶), as Barabasz et al. ("Error analysis and improving the accuracy of Winograd
     * convolution", 2018) found for such symmetric-reciprocal point sets.
     */
    static final WinogradTransform F4X4_3X3 = of(4, 3, 0, 1, -1, 0.5, -2);
    /**
     * F(6×6, 3×3): 5.06× fewer multiplications than direct summation (F(4×4, 3×3): 4×) from an 8×8 tile, with the
     * points 0, ±1, ±1/2, ±2, the usual choice. Its transforms cost about the same per output as F(4×4)'s (rows of up
     * to seven terms over 64 positions instead of up to five over 36) and write 1.78 instead of 2.25 transformed
     * values per output, but it rounds ≈ 3× more: against a double reference 3–11·10⁻⁶ of the largest output on
     * WinogradTest's cases (67–128 channels; F(4×4): 2–4·10⁻⁶, direct summation 3–5·10⁻⁷).
     */
    static final WinogradTransform F6X6_3X3 = of(6, 3, 0, 1, -1, 0.5, -0.5, 2, -2);

    private WinogradTransform(int m, int r, double[][] at, double[][] g, double[][] bt) {
        this.m = m;
        this.r = r;
        this.alpha = m + r - 1;
        this.at = at;
        this.g = g;
        this.bt = bt;
        this.outputT = new Coefficients(at);
        this.filter = new Coefficients(g);
        this.inputT = new Coefficients(bt);
        this.adjointOutput = outputT.transposed();
        this.adjointFilter = filter.transposed();
    }

    /** F(m, r) from α − 1 distinct finite points. */
    static WinogradTransform of(int m, int r, double... points) {
        int alpha = m + r - 1;
        if (points.length != alpha - 1) {
            throw new IllegalArgumentException("Winograd F(" + m + ", " + r + ") needs " + (alpha - 1)
                    + " finite points, got " + points.length);
        }
        double[][] at = new double[m][alpha], g = new double[alpha][r], bt = new double[alpha][alpha];
        for (int j = 0; j < alpha - 1; j++) {
            double norm = 1;
            for (int l = 0; l < alpha - 1; l++) if (l != j) norm *= points[j] - points[l];
            if (norm == 0) throw new IllegalArgumentException("Winograd points must be distinct");
            for (int i = 0; i < m; i++) at[i][j] = Math.pow(points[j], i);
            for (int k = 0; k < r; k++) g[j][k] = Math.pow(points[j], k) / norm;
            double[] poly = product(points, j);
            System.arraycopy(poly, 0, bt[j], 0, poly.length);
        }
        at[m - 1][alpha - 1] = 1;
        g[alpha - 1][r - 1] = 1;
        bt[alpha - 1] = product(points, -1);
        return new WinogradTransform(m, r, at, g, bt);
    }

    /** Coefficients, lowest power first, of Π_{l ≠ skip}(x − points[l]). */
    private static double[] product(double[] points, int skip) {
        double[] poly = {1};
        for (int l = 0; l < points.length; l++) {
            if (l == skip) continue;
            double[] next = new double[poly.length + 1];
            for (int i = 0; i < poly.length; i++) {
                next[i + 1] += poly[i];
                next[i] -= points[l] * poly[i];
            }
            poly = next;
        }
        return poly;
    }

    /** A small matrix kept as its non-zero entries per row, which is what the transforms iterate over. */
    static final class Coefficients {
        final int rows, cols;
        final int[][] index;
        final float[][] value;

        Coefficients(double[][] matrix) {
            rows = matrix.length;
            cols = matrix[0].length;
            index = new int[rows][];
            value = new float[rows][];
            for (int i = 0; i < rows; i++) {
                int nz = 0;
                for (double v : matrix[i]) if (v != 0) nz++;
                index[i] = new int[nz];
                value[i] = new float[nz];
                for (int j = 0, q = 0; j < cols; j++) {
                    if (matrix[i][j] == 0) continue;
                    index[i][q] = j;
                    value[i][q++] = (float) matrix[i][j];
                }
            }
        }

        /** The transpose, for the adjoint transforms of the backward pass. */
        Coefficients transposed() {
            double[][] t = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int q = 0; q < index[i].length; q++) t[index[i][q]][i] = value[i][q];
            }
            return new Coefficients(t);
        }
    }
}
