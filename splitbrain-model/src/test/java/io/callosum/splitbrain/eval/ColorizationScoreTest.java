package io.callosum.splitbrain.eval;

import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorizationScoreTest {
    /** [1, 2, 1, n] ab with a and b given per pixel. */
    private static Tensor ab(float[] a, float[] b) {
        float[] v = new float[2 * a.length];
        System.arraycopy(a, 0, v, 0, a.length);
        System.arraycopy(b, 0, v, a.length, b.length);
        return Tensor.of(v, 1, 2, 1, a.length);
    }

    @Test
    void perfectPredictionScoresOne() {
        Tensor t = ab(new float[]{10, -40, 70, 0}, new float[]{-5, 30, 2, 0});
        ColorizationScore.Scores s = ColorizationScore.score(t, t);
        assertEquals(1.0, s.auc(), 1e-12);
        assertEquals(1.0, s.rebalancedAuc(), 1e-12);
    }

    @Test
    void constantOffsetGivesOneMinusDistanceOver150() {
        Tensor truth = ab(new float[]{10, -40, 70, 0}, new float[]{-5, 30, 2, 0});
        // offset (30, 40): every pixel is 50 ab units off
        Tensor pred = ab(new float[]{40, -10, 100, 30}, new float[]{35, 70, 42, 40});
        ColorizationScore.Scores s = ColorizationScore.score(pred, truth);
        assertEquals(1 - 50.0 / 150, s.auc(), 1e-6);
        assertEquals(1 - 50.0 / 150, s.rebalancedAuc(), 1e-6, "equal errors: the weighting cannot matter");
        float[] e = ColorizationScore.errors(pred.toFloatArray(), truth.toFloatArray(), 1, 4);
        double[] cdf = ColorizationScore.curve(e, null);
        assertEquals(151, cdf.length);
        assertEquals(0.0, cdf[49], 0);
        assertEquals(1.0, cdf[50], 0);
        assertEquals(1.0, cdf[150], 0);
    }

    @Test
    void errorsBeyond150ScoreZero() {
        Tensor truth = ab(new float[]{-80, -80}, new float[]{0, 0});
        Tensor pred = ab(new float[]{80, 90}, new float[]{0, 0});
        assertEquals(0.0, ColorizationScore.score(pred, truth).auc(), 0);
    }

    @Test
    void rebalancingGivesEveryTrueColourBinEqualWeight() {
        // three grey pixels predicted exactly, one saturated pixel 150 off: plainly 3/4, rebalanced the mean of 1 and 0
        Tensor truth = ab(new float[]{0, 1, 2, 80}, new float[]{0, 1, 2, 0});
        Tensor pred = ab(new float[]{0, 1, 2, -70}, new float[]{0, 1, 2, 0});
        ColorizationScore.Scores s = ColorizationScore.score(pred, truth);
        assertEquals(0.75, s.auc(), 1e-9);
        assertEquals(0.5, s.rebalancedAuc(), 1e-9);
        double[] w = ColorizationScore.rebalancingWeights(truth.toFloatArray(), 1, 4);
        assertArrayEquals(new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3, 1}, w, 1e-12);
    }

    @Test
    void binsAre10Wide() {
        // a = 5 and a = 15 fall in different bins, a = 0 and a = 9 in the same one
        float[] truth = {0, 9, 15, 0, 0, 0};
        assertArrayEquals(new double[]{0.5, 0.5, 1}, ColorizationScore.rebalancingWeights(truth, 1, 3), 1e-12);
    }

    @Test
    void priorIsThePerPixelMeanOverTrainingPictures() {
        Tensor red = Tensor.of(new float[]{1, 1, 0, 0, 0, 0}, 1, 3, 1, 2);
        Tensor blue = Tensor.of(new float[]{0, 0, 0, 0, 1, 1}, 1, 3, 1, 2);
        Tensor both = Tensor.cat(0, red, blue);
        float[] prior = ColorizationScore.priorMeanAb(both).toFloatArray();
        float[] r = ColorizationScore.ab(red).toFloatArray(), b = ColorizationScore.ab(blue).toFloatArray();
        for (int j = 0; j < 4; j++) assertEquals((r[j] + b[j]) / 2, prior[j], 1e-4);
        assertTrue(Math.abs(prior[0]) > 1, "red and blue do not cancel in a: the prior is not grey");
    }

    @Test
    void comparisonScoresGreyAndThePriorResizedToTheTruth() {
        // truth: every pixel ab = (30, 40); the prior holds that colour everywhere at a quarter of the size
        float[] v = new float[2 * 4 * 4];
        for (int j = 0; j < 16; j++) {
            v[j] = 30;
            v[16 + j] = 40;
        }
        Tensor truth = Tensor.of(v, 1, 2, 4, 4);
        Tensor prior = Tensor.of(new float[]{30, 30, 30, 30, 40, 40, 40, 40}, 2, 2, 2);
        ColorizationScore.Comparison c = ColorizationScore.compare(truth, truth, prior);
        assertEquals(1.0, c.prediction().auc(), 1e-9);
        assertEquals(1 - 50.0 / 150, c.grey().auc(), 1e-6, "grey is 50 ab units from (30, 40)");
        assertEquals(1.0, c.prior().auc(), 1e-6);
        assertEquals(null, ColorizationScore.compare(truth, truth, null).prior());
        assertThrows(IllegalArgumentException.class, () -> ColorizationScore.compare(truth, truth, Tensor.zeros(3, 2, 2)));
    }

    @Test
    void badShapesAreRefusedWithTheirShape() {
        Tensor two = Tensor.zeros(1, 2, 2, 2), three = Tensor.zeros(1, 3, 2, 2), other = Tensor.zeros(1, 2, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColorizationScore.score(three, two));
        assertTrue(e.getMessage().contains("[1, 3, 2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColorizationScore.score(two, other));
        assertThrows(IllegalArgumentException.class, () -> ColorizationScore.auc(new float[0], null));
        assertThrows(IllegalArgumentException.class, () -> ColorizationScore.auc(new float[]{Float.NaN}, null));
    }
}
