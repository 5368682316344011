package io.callosum.nn.data;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Rows of an in-memory tensor as batches: every row once per epoch, labels with their rows, a short last batch. */
class TensorBatchesTest {
    /** Row i holds the value i; label i is 100 + i. */
    static TensorBatches source(boolean shuffled, Generator g) {
        float[] x = new float[7 * 2];
        int[] y = new int[7];
        for (int i = 0; i < 7; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = i;
            y[i] = 100 + i;
        }
        Tensor rows = Tensor.of(x, 7, 2);
        return shuffled ? TensorBatches.shuffled(rows, y, 3, g) : TensorBatches.inOrder(rows, y, 3);
    }

    static List<Integer> rowsOf(TensorBatches s, int epoch) {
        List<Integer> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Batch b : s.epoch(epoch)) {
            float[] v = b.images().toFloatArray();
            int[] y = b.labels().toIntArray();
            sizes.add(b.size());
            for (int r = 0; r < b.size(); r++) {
                assertEquals(100 + (int) v[2 * r], y[r], "the label travels with its row");
                assertEquals(b.indices()[r], (int) v[2 * r]);
                seen.add((int) v[2 * r]);
            }
            b.close();
        }
        assertEquals(List.of(3, 3, 1), sizes);
        return seen;
    }

    @Test
    void inOrderYieldsEveryRowWithAShortLastBatch() {
        TensorBatches s = source(false, null);
        assertEquals(3, s.batchesPerEpoch());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), rowsOf(s, 0));
        assertEquals(rowsOf(s, 0), rowsOf(s, 5));
    }

    @Test
    void shuffledDrawsAPermutationPerEpochAndReplaysIt() {
        Generator g = new Generator(3);
        TensorBatches s = source(true, g);
        List<Integer> e0 = rowsOf(s, 0), again = rowsOf(s, 0), e1 = rowsOf(s, 1);
        assertEquals(e0, again, "a replayed epoch keeps its order");
        assertNotEquals(e0, e1);
        Generator h = new Generator(3);
        int[] p0 = h.permutation(7), p1 = h.permutation(7);
        for (int i = 0; i < 7; i++) {
            assertEquals(p0[i], e0.get(i), "epoch 0 is the generator's first permutation");
            assertEquals(p1[i], e1.get(i), "epoch 1 its second");
        }
    }

    @Test
    void labelsMustMatchTheRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorBatches.inOrder(Tensor.zeros(4, 2), new int[3], 2));
        assertTrue(e.getMessage().contains("3 labels") && e.getMessage().contains("[4, 2]"), e.getMessage());
    }
}
