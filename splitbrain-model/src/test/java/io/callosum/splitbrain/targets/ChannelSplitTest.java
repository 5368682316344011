package io.callosum.splitbrain.targets;

import io.callosum.tensor.Color;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Targets and inputs of each colour space on hand-made images whose Lab/RGB values are known. */
class ChannelSplitTest {
    /** A 1×3×16×16 image whose four 8×8 blocks have the given RGB colours (row-major blocks). */
    static Tensor blocks(float[][] colours) {
        float[] px = new float[3 * 16 * 16];
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) {
            float[] c = colours[(y / 8) * 2 + x / 8];
            for (int ch = 0; ch < 3; ch++) px[ch * 256 + y * 16 + x] = c[ch];
        }
        return Tensor.of(px, 1, 3, 16, 16);
    }

    static final float[][] BLACK_WHITE_RED_BLUE = {{0, 0, 0}, {1, 1, 1}, {1, 0, 0}, {0, 0, 1}};

    @Test
    void labTargetsPutBlackAndWhiteInTheEdgeBins() {
        ChannelSplit split = ChannelSplit.of(ColorSpace.LAB, false);
        ChannelSplit.Batch b = split.prepare(blocks(BLACK_WHITE_RED_BLUE));
        assertArrayEquals(new int[]{1, 1, 16, 16}, b.inputA().shape());
        assertArrayEquals(new int[]{1, 2, 16, 16}, b.inputB().shape());
        assertArrayEquals(new int[]{1, 2, 2}, b.targetA().shape());
        int[] lBins = b.targetB().toIntArray();
        assertEquals(0, lBins[0], "black: L = 0 → bin 0");
        assertEquals(99, lBins[1], "white: L = 100 → last bin");
        // red: Lab ≈ (53.2, 80.1, 67.2): L bin 53; ab cell (floor((80.1+110)/22), floor((67.2+110)/22)) = (8, 8)
        assertEquals(53, lBins[2]);
        int[] ab = b.targetA().toIntArray();
        assertEquals(8 * 10 + 8, ab[2]);
        // blue: Lab ≈ (32.3, 79.2, −107.9) → L bin 32, ab cell (8, 0)
        assertEquals(32, lBins[3]);
        assertEquals(8 * 10, ab[3]);
        // greys have a = b = 0, exactly on the corner of four cells (4|5, 4|5): any of them, never elsewhere
        assertTrue(java.util.Set.of(44, 45, 54, 55).containsAll(java.util.List.of(ab[0], ab[1])), java.util.Arrays.toString(ab));
        // inputs are normalised: black L → −1, white L → +1
        float[] la = b.inputA().toFloatArray();
        assertEquals(-1f, la[0], 1e-4);
        assertEquals(1f, la[15], 1e-3);
    }

    @Test
    void rescaledLabStretchesEachImageToTheFullRange() {
        // two dark greys and two slightly lighter greys: LAB uses few bins, RESCALED_LAB spans 0..99
        float[][] greys = {{0.2f, 0.2f, 0.2f}, {0.25f, 0.25f, 0.25f}, {0.2f, 0.2f, 0.2f}, {0.25f, 0.25f, 0.25f}};
        int[] plain = ChannelSplit.of(ColorSpace.LAB, false).prepare(blocks(greys)).targetB().toIntArray();
        int[] stretched = ChannelSplit.of(ColorSpace.RESCALED_LAB, false).prepare(blocks(greys)).targetB().toIntArray();
        assertTrue(Math.abs(plain[1] - plain[0]) <= 6, "plain L bins close together: " + java.util.Arrays.toString(plain));
        assertArrayEquals(new int[]{0, 99, 0, 99}, stretched);
    }

    @Test
    void rgbSplitPredictsGreenBlueFromRedAndRedFromGreenBlue() {
        float[][] c = {{0, 0, 0}, {1, 1, 1}, {0.555f, 0.05f, 0.95f}, {0.25f, 0.5f, 0.75f}};
        ChannelSplit.Batch b = ChannelSplit.of(ColorSpace.RGB, false).prepare(blocks(c));
        assertArrayEquals(new int[]{0, 99, 55, 25}, b.targetB().toIntArray(), "R in 100 bins");
        assertArrayEquals(new int[]{0, 99, 0 * 10 + 9, 5 * 10 + 7}, b.targetA().toIntArray(), "GB on a 10×10 grid");
        assertEquals(0.11f, b.inputA().toFloatArray()[8 * 16], 1e-5, "R of the bottom-left block normalised as 2r − 1");
    }

    @Test
    void badInputsAreRejectedClearly() {
        ChannelSplit split = ChannelSplit.of(ColorSpace.LAB, false);
        var grey = assertThrows(IllegalArgumentException.class, () -> split.prepare(Tensor.zeros(1, 1, 16, 16)));
        assertTrue(grey.getMessage().contains("grey image"), grey.getMessage());
        var odd = assertThrows(IllegalArgumentException.class, () -> split.prepare(Tensor.zeros(1, 3, 20, 16)));
        assertTrue(odd.getMessage().contains("multiple of 8"), odd.getMessage());
        var space = assertThrows(IllegalArgumentException.class, () -> ColorSpace.parse("hsv"));
        assertTrue(space.getMessage().contains("unknown colour space 'hsv'") && space.getMessage().contains("rescaled-lab"), space.getMessage());
        assertEquals(ColorSpace.RESCALED_LAB, ColorSpace.parse("Rescaled_Lab"));
        assertThrows(IllegalArgumentException.class, () -> ChannelSplit.of(ColorSpace.RGB, true));
    }

    @Test
    void annealedMeanOfAOneHotPredictionIsItsBinCentre() {
        GridQuantizer ab = GridQuantizer.ab();
        float[] logits = new float[100 * 4];
        int[] cls = {0, 55, 99, 37};
        for (int p = 0; p < 4; p++) logits[cls[p] * 4 + p] = 60; // near one-hot even at T = 0.38
        Tensor decoded = AnnealedMean.decode(Tensor.of(logits, 1, 100, 2, 2), ab, AnnealedMean.DEFAULT_TEMPERATURE);
        float[] v = decoded.toFloatArray(); // [1, 2, 2, 2]: a plane then b plane
        float[][] centres = ab.centres();
        for (int p = 0; p < 4; p++) {
            assertEquals(centres[cls[p]][0], v[p], 1e-3);
            assertEquals(centres[cls[p]][1], v[4 + p], 1e-3);
        }
        assertEquals(Color.AB_MIN + 11, centres[0][0], 1e-5);
        // and quantizing the decoded values gives the classes back
        assertArrayEquals(cls, ab.encode(decoded).toIntArray());
    }

    @Test
    void rebalancingWeightsHaveExpectationOne() {
        int[] t = new int[1000];
        for (int i = 0; i < t.length; i++) t[i] = i < 900 ? 5 : i % 100;
        GridQuantizer q = GridQuantizer.lightness();
        float[] w = ClassRebalancing.weights(Tensor.of(t, t.length), q, 0.5, 0);
        double[] p = new double[100];
        for (int v : t) p[v] += 1.0 / t.length;
        double e = 0;
        for (int k = 0; k < 100; k++) e += p[k] * w[k];
        assertEquals(1.0, e, 1e-5);
        assertTrue(w[5] < w[6] / 5, "the common class is down-weighted");
        assertThrows(IllegalArgumentException.class, () -> ClassRebalancing.weights(Tensor.of(new int[]{100}, 1), q, 0.5, 0));
    }
}
