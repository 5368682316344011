package io.callosum.nn.metrics;

import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    // 4 examples × 6 classes, with the true class's rank noted per row.
    private static final float[] LOGITS = {
            0.1f, 3.0f, 0.2f, 0.3f, 0.4f, 0.5f,   // label 1: rank 0
            5.0f, 4.0f, 3.0f, 2.0f, 1.0f, 0.0f,   // label 5: rank 5
            1.0f, 2.0f, 9.0f, 8.0f, 7.0f, 0.5f,   // label 4: rank 2
            0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};  // label 3: all tied, three classes come first: rank 3
    private static final int[] LABELS = {1, 5, 4, 3};

    @Test
    void topKOnHandMadeLogits() {
        int[] expectedCorrect = {1, 1, 2, 3, 3, 4}; // k = 1..6
        for (int k = 1; k <= 6; k++) {
            TopKAccuracy m = new TopKAccuracy(k);
            m.update(LOGITS, 6, LABELS);
            assertEquals(expectedCorrect[k - 1], m.correct(), "k=" + k);
            assertEquals(4, m.total());
            assertEquals(expectedCorrect[k - 1] / 4.0, m.value(), 0);
        }
        try (Tensor logits = Tensor.of(LOGITS, 4, 6); Tensor labels = Tensor.of(LABELS, 4)) {
            assertEquals(0.25, TopKAccuracy.of(logits, labels, 1), 0);
            assertEquals(0.75, TopKAccuracy.of(logits, labels, 5), 0);
            TopKAccuracy top5 = TopKAccuracy.top5();
            top5.update(logits, labels);
            top5.update(logits, labels);
            assertEquals(6, top5.correct());
            assertEquals(8, top5.total());
            top5.reset();
            assertTrue(Double.isNaN(top5.value()));
        }
    }

    @Test
    void badInputsAreNamed() {
        TopKAccuracy m = TopKAccuracy.top1();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.update(new float[]{1, 2, 3, 4}, 2, new int[]{0, 2}));
        assertEquals("top-1 accuracy: label 2 in row 1 is outside 0..1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.update(new float[]{1, Float.NaN}, 2, new int[]{0}));
        assertEquals("top-1 accuracy: logit 1 of row 0 is NaN", e.getMessage());
        try (Tensor logits = Tensor.of(LOGITS, 4, 6); Tensor labels = Tensor.of(new int[]{1, 2, 3}, 3)) {
            e = assertThrows(IllegalArgumentException.class, () -> m.update(logits, labels));
            assertEquals("top-1 accuracy: labels of shape [3] do not match logits [4, 6] (expected [4])", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(0));
    }

    @Test
    void runningMeanIsWeightedByExamples() {
        RunningMean loss = new RunningMean();
        assertTrue(Double.isNaN(loss.mean()));
        loss.add(2.0, 64);
        loss.add(1.0, 32);
        try (Tensor t = Tensor.scalar(4.0)) {
            loss.add(t, 4);
        }
        assertEquals((2.0 * 64 + 1.0 * 32 + 4.0 * 4) / 100, loss.mean(), 1e-15);
        assertEquals(100, loss.count());
        RunningMean many = new RunningMean();
        for (int i = 0; i < 1_000_000; i++) many.add(0.1);
        assertEquals(0.1, many.mean(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> loss.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> loss.add(1, 0));
    }

    @Test
    void confusionMatrixCountsAndPerClassAccuracy() {
        ConfusionMatrix cm = new ConfusionMatrix(List.of("cat", "dog", "bird"));
        cm.update(new int[]{0, 0, 1, 2, 1, 1}, new int[]{0, 1, 1, 2, 1, 0});
        // true 0: predicted 0, 1; true 1: predicted 0, 1, 1; true 2: predicted 2
        assertEquals(1, cm.count(0, 0));
        assertEquals(1, cm.count(0, 1));
        assertEquals(1, cm.count(1, 0));
        assertEquals(2, cm.count(1, 1));
        assertEquals(1, cm.count(2, 2));
        assertEquals(6, cm.total());
        assertEquals(4 / 6.0, cm.accuracy(), 1e-15);
        assertArrayEquals(new double[]{0.5, 2 / 3.0, 1.0}, cm.perClassAccuracy(), 1e-15);

        try (Tensor logits = Tensor.of(new float[]{0, 0, 9, 1, 5, 2}, 2, 3); Tensor labels = Tensor.of(new int[]{2, 0}, 2)) {
            cm.update(logits, labels); // predictions 2 (right) and 1 (wrong)
        }
        assertEquals(2, cm.count(2, 2));
        assertEquals(2, cm.count(0, 1));
        String table = cm.toString();
        assertTrue(table.contains("0 cat"), table);
        assertTrue(table.contains("2 bird"), table);
        assertTrue(table.contains("33.33 %"), table); // cat: 1 of 3
        assertTrue(table.contains("overall accuracy 62.50 % (8 examples)"), table);
        assertEquals(4, table.lines().count() - 1);

        ConfusionMatrix empty = new ConfusionMatrix(2);
        assertTrue(Double.isNaN(empty.perClassAccuracy()[0]));
        assertThrows(IllegalArgumentException.class, () -> empty.add(2, 0));
    }
}
