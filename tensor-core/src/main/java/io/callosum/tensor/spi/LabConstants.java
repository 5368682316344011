package io.callosum.tensor.spi;

/**
 * The sRGB (D65, 2° observer) ↔ CIE Lab definition that {@link ColorKernels} implementations and the composite
 * fallback share, with scikit-image's rgb2lab / lab2rgb constants: the sRGB → XYZ matrix, the white point, and the
 * knees of the piecewise curves.
 */
public final class LabConstants {
    private LabConstants() {
    }

    /** Linear sRGB → XYZ (rows X, Y, Z). */
    private static final double[][] RGB_TO_XYZ = {
            {0.412453, 0.357580, 0.180423},
            {0.212671, 0.715160, 0.072169},
            {0.019334, 0.119193, 0.950227}};
    private static final double[] WHITE = {0.95047, 1.0, 1.08883};
    /** RGB_TO_XYZ with the white point divided out of each row: linear RGB → XYZ / white. */
    private static final double[][] RGB_TO_T = scaleRows(RGB_TO_XYZ, 1 / WHITE[0], 1 / WHITE[1], 1 / WHITE[2]);
    /** The exact inverse of RGB_TO_T (scikit-image inverts its matrix the same way). */
    private static final double[][] T_TO_RGB = invert(RGB_TO_T);

    /** sRGB value above which the power curve applies (below: linear, slope 1/12.92). */
    public static final double SRGB_KNEE = 0.04045;
    /** Linear value above which sRGB encoding uses the power curve. */
    public static final double LINEAR_KNEE = 0.0031308;
    /** t above which f(t) = ∛t (below: SLOPE·t + F_OFFSET). */
    public static final double T_KNEE = 0.008856;
    /** Slope of f's linear segment below T_KNEE. */
    public static final double SLOPE = 7.787;
    /** Offset of f's linear segment, 16/116. */
    public static final double F_OFFSET = 16.0 / 116.0;
    /** f above which f⁻¹(f) = f³. */
    public static final double F_KNEE = 0.2068966;

    /** Linear RGB → XYZ / white, a fresh copy. */
    public static double[][] rgbToT() {
        return copy(RGB_TO_T);
    }

    /** XYZ / white → linear RGB, a fresh copy. */
    public static double[][] tToRgb() {
        return copy(T_TO_RGB);
    }

    private static double[][] copy(double[][] m) {
        return new double[][]{m[0].clone(), m[1].clone(), m[2].clone()};
    }

    private static double[][] scaleRows(double[][] m, double... s) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) out[i][j] = m[i][j] * s[i];
        return out;
    }

    /** Inverse by the adjugate (cofactors over the determinant). */
    private static double[][] invert(double[][] m) {
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
                inv[i][j] = m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
            }
        }
        double det = m[0][0] * inv[0][0] + m[0][1] * inv[1][0] + m[0][2] * inv[2][0];
        for (double[] row : inv) for (int j = 0; j < 3; j++) row[j] /= det;
        return inv;
    }
}
