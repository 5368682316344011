package io.callosum.splitbrain.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A few-shot point's summary: the mean and the sample (n − 1) standard deviation over seeds, 0 for one seed. */
class FewShotPointTest {
    @Test
    void meanAndSampleStandardDeviation() {
        FewShot.Point p = new FewShot.Point(4, new double[]{0.5, 0.7, 0.9}, new double[]{0.9, 0.9, 0.9});
        assertEquals(0.7, p.mean(), 1e-15);
        assertEquals(0.2, p.std(), 1e-15, "sqrt(((−0.2)² + 0 + 0.2²) / (3 − 1))");
        assertEquals(0.9, p.mean5(), 1e-15);
        assertEquals(0.0, p.std5(), 0);
        FewShot.Point one = new FewShot.Point(1, new double[]{0.25}, new double[]{0.5});
        assertEquals(0.25, one.mean(), 0);
        assertEquals(0.0, one.std(), 0, "a single seed has no spread");
    }
}
