package io.callosum.tensor.cpu.color;

import io.callosum.tensor.spi.LabConstants;

/**
 * Per-pixel sRGB ↔ CIE Lab maths in double with the constants of {@link LabConstants} (scikit-image's rgb2lab /
 * lab2rgb). Each function reads three inputs and writes three outputs into {@code out}.
 */
final class ColorMath {
    private ColorMath() {
    }

    /** Linear RGB → XYZ / white, and back. */
    static final double[][] RGB_TO_T = LabConstants.rgbToT();
    private static final double[][] T_TO_RGB = LabConstants.tToRgb();

    static final double SRGB_KNEE = LabConstants.SRGB_KNEE, T_KNEE = LabConstants.T_KNEE, SLOPE = LabConstants.SLOPE,
            F_OFFSET = LabConstants.F_OFFSET;
    private static final double LINEAR_KNEE = LabConstants.LINEAR_KNEE, F_KNEE = LabConstants.F_KNEE;

    // ------------------------------------------------------------------ forward

    static void rgbToLab(double r, double g, double b, double[] out) {
        double lr = toLinear(r), lg = toLinear(g), lb = toLinear(b);
        double fx = f(dot(RGB_TO_T[0], lr, lg, lb));
        double fy = f(dot(RGB_TO_T[1], lr, lg, lb));
        double fz = f(dot(RGB_TO_T[2], lr, lg, lb));
        out[0] = 116 * fy - 16;
        out[1] = 500 * (fx - fy);
        out[2] = 200 * (fy - fz);
    }

    /** Lab → sRGB before clipping to [0, 1] (the caller clips, and zeroes gradients of clipped channels). */
    static void labToRgbUnclipped(double l, double a, double b, double[] out) {
        double fy = (l + 16) / 116, fx = fy + a / 500, fz = zeroIfNegative(fy - b / 200);
        double tx = fInverse(fx), ty = fInverse(fy), tz = fInverse(fz);
        for (int k = 0; k < 3; k++) out[k] = fromLinear(dot(T_TO_RGB[k], tx, ty, tz));
    }

    // ------------------------------------------------------------------ vector-Jacobian products

    /** out = (∂Lab/∂rgb)ᵀ · (gl, ga, gb) at (r, g, b). */
    static void rgbToLabVjp(double r, double g, double b, double gl, double ga, double gb, double[] out) {
        double lr = toLinear(r), lg = toLinear(g), lb = toLinear(b);
        // L = 116 fy − 16, a = 500 (fx − fy), b = 200 (fy − fz)
        double gfx = 500 * ga, gfy = 116 * gl - 500 * ga + 200 * gb, gfz = -200 * gb;
        double gtx = gfx * fDerivative(dot(RGB_TO_T[0], lr, lg, lb));
        double gty = gfy * fDerivative(dot(RGB_TO_T[1], lr, lg, lb));
        double gtz = gfz * fDerivative(dot(RGB_TO_T[2], lr, lg, lb));
        out[0] = columnDot(RGB_TO_T, 0, gtx, gty, gtz) * toLinearDerivative(r);
        out[1] = columnDot(RGB_TO_T, 1, gtx, gty, gtz) * toLinearDerivative(g);
        out[2] = columnDot(RGB_TO_T, 2, gtx, gty, gtz) * toLinearDerivative(b);
    }

    /** out = (∂clip(rgb)/∂Lab)ᵀ · (gr, gg, gb) at Lab (l, a, b); channels clipped to 0 or 1 pass no gradient. */
    static void labToRgbVjp(double l, double a, double b, double gr, double gg, double gb, double[] out) {
        double fy = (l + 16) / 116, fx = fy + a / 500, fzRaw = fy - b / 200, fz = zeroIfNegative(fzRaw);
        double tx = fInverse(fx), ty = fInverse(fy), tz = fInverse(fz);
        double[] g = {gr, gg, gb};
        for (int k = 0; k < 3; k++) {
            double lin = dot(T_TO_RGB[k], tx, ty, tz), srgb = fromLinear(lin);
            g[k] = srgb < 0 || srgb > 1 ? 0 : g[k] * fromLinearDerivative(lin);
        }
        double gfx = columnDot(T_TO_RGB, 0, g[0], g[1], g[2]) * fInverseDerivative(fx);
        double gfy = columnDot(T_TO_RGB, 1, g[0], g[1], g[2]) * fInverseDerivative(fy);
        double gfz = fzRaw < 0 ? 0 : columnDot(T_TO_RGB, 2, g[0], g[1], g[2]) * fInverseDerivative(fz);
        // fy = (L + 16)/116, fx = fy + a/500, fz = fy − b/200
        out[0] = (gfx + gfy + gfz) / 116;
        out[1] = gfx / 500;
        out[2] = -gfz / 200;
    }

    // ------------------------------------------------------------------ the piecewise curves and their slopes

    static double toLinear(double c) {
        return c > SRGB_KNEE ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }

    private static double toLinearDerivative(double c) {
        return c > SRGB_KNEE ? 2.4 / 1.055 * Math.pow((c + 0.055) / 1.055, 1.4) : 1 / 12.92;
    }

    static double fromLinear(double v) {
        return v > LINEAR_KNEE ? 1.055 * Math.pow(v, 1 / 2.4) - 0.055 : 12.92 * v;
    }

    private static double fromLinearDerivative(double v) {
        return v > LINEAR_KNEE ? 1.055 / 2.4 * Math.pow(v, 1 / 2.4 - 1) : 12.92;
    }

    static double f(double t) {
        return t > T_KNEE ? Math.cbrt(t) : SLOPE * t + F_OFFSET;
    }

    private static double fDerivative(double t) {
        if (t <= T_KNEE) return SLOPE;
        double c = Math.cbrt(t);
        return 1 / (3 * c * c);
    }

    static double fInverse(double f) {
        return f > F_KNEE ? f * f * f : (f - F_OFFSET) / SLOPE;
    }

    private static double fInverseDerivative(double f) {
        return f > F_KNEE ? 3 * f * f : 1 / SLOPE;
    }

    /** skimage's lab2xyz sets a negative f(Z) (out-of-gamut Lab, large b) to 0 before inverting f. */
    private static double zeroIfNegative(double fz) {
        return fz < 0 ? 0 : fz;
    }

    // ------------------------------------------------------------------ 3×3 helpers

    private static double dot(double[] row, double a, double b, double c) {
        return row[0] * a + row[1] * b + row[2] * c;
    }

    /** Column j of m dotted with (a, b, c): (mᵀ·v)[j]. */
    private static double columnDot(double[][] m, int j, double a, double b, double c) {
        return m[0][j] * a + m[1][j] * b + m[2][j] * c;
    }
}
