package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tap-major patch matrix against the column matrix it reorders: element (p, t·cinG + c) of the patches must be
 * element (c·taps + t, p) of im2col, for strides, dilations, padding beyond the image, groups and channel counts that
 * are not a multiple of the eight-channel transpose; and the layout change of the weight gradient must invert it.
 */
class ConvPatchesTest {
    /** n, cin, h, w, cout, kh, kw, stride h/w, pad h/w, dilation h/w, groups */
    static final int[][] GEOMETRIES = {
            {1, 16, 12, 12, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1},
            {1, 19, 9, 7, 4, 3, 2, 2, 1, 1, 2, 1, 1, 1},
            {1, 34, 10, 11, 6, 3, 3, 1, 1, 3, 3, 2, 2, 2},
            {1, 24, 8, 8, 5, 1, 1, 2, 2, 0, 0, 1, 1, 1},
            {1, 17, 6, 6, 3, 5, 5, 1, 1, 4, 4, 1, 1, 1},
    };

    static Conv2dGeometry geometry(int[] s) {
        return Conv2dGeometry.of("test", new int[]{s[0], s[1], s[2], s[3]}, new int[]{s[4], s[1] / s[13], s[5], s[6]},
                new int[]{s[7], s[8]}, new int[]{s[9], s[10]}, new int[]{s[11], s[12]}, s[13]);
    }

    @Test
    void patchesAreTheColumnMatrixWithTapsOutermost() {
        for (int[] s : GEOMETRIES) {
            Conv2dGeometry g = geometry(s);
            int cin = g.cin(), groups = g.groups(), cinG = cin / groups, taps = g.kh() * g.kw();
            int plane = g.h() * g.w(), p = g.outH() * g.outW(), k = cinG * taps, xOff = 3;
            float[] x = new float[xOff + cin * plane];
            System.arraycopy(Ref.uniform(cin * 7L + plane, cin * plane, -1, 1), 0, x, xOff, cin * plane);
            float[] pixelMajor = new float[cin * plane];
            ConvPatches.toPixelMajor(x, xOff, cin, plane, pixelMajor);
            for (int gi = 0; gi < groups; gi++) {
                float[] col = new float[k * p], rows = new float[p * k];
                Arrays.fill(rows, Float.NaN);                      // every element must be written
                ConvIm2col.im2col(x, xOff + gi * cinG * plane, cinG, g, col);
                ConvPatches.patches(pixelMajor, cin, gi * cinG, cinG, g, rows);
                for (int pos = 0; pos < p; pos++) {
                    for (int t = 0; t < taps; t++) {
                        for (int c = 0; c < cinG; c++) {
                            assertEquals(col[(c * taps + t) * p + pos], rows[pos * k + t * cinG + c], 0f,
                                    g + ": group " + gi + ", position " + pos + ", tap " + t + ", channel " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void weightGradientLayoutIsRestoredAndAccumulated() {
        int rows = 3, taps = 6, cinG = 5, k = taps * cinG;
        float[] tapMajor = Ref.uniform(11, rows * k, -1, 1), gw = new float[2 + rows * k];
        ConvPatches.toChannelMajor(tapMajor, 0, gw, 2, rows, taps, cinG, false);
        ConvPatches.toChannelMajor(tapMajor, 0, gw, 2, rows, taps, cinG, true);
        for (int co = 0; co < rows; co++) {
            for (int c = 0; c < cinG; c++) {
                for (int t = 0; t < taps; t++) {
                    assertEquals(2 * tapMajor[co * k + t * cinG + c], gw[2 + co * k + c * taps + t], 0f,
                            "row " + co + ", channel " + c + ", tap " + t);
                }
            }
        }
    }
}
