package io.callosum.splitbrain.eval;

import io.callosum.splitbrain.data.SyntheticColorDataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The few-shot draws: k distinct training images per class, different for every seed, never a test image. */
class FewShotSamplerTest {
    private static final int SEEDS = 3;

    @Test
    void everySeedDrawsItsOwnImagesKPerClass() {
        int classes = 4, k = 3;
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) labels[i] = i % classes;
        labels[7] = -1; // an unlabelled row is never drawn
        List<List<Integer>> byClass = FewShot.byClass(labels, classes);
        Set<String> draws = new HashSet<>();
        for (int s = 0; s < SEEDS; s++) {
            int[] rows = FewShot.sample(byClass, k, FewShot.drawSeed(k, s));
            assertEquals(k * classes, rows.length);
            assertEquals(rows.length, Arrays.stream(rows).distinct().count(), "no image twice in one draw");
            int[] perClass = new int[classes];
            for (int r : rows) {
                assertTrue(labels[r] >= 0, "row " + r + " is unlabelled");
                perClass[labels[r]]++;
            }
            for (int c = 0; c < classes; c++) assertEquals(k, perClass[c], "class " + c);
            int[] sorted = rows.clone();
            Arrays.sort(sorted);
            draws.add(Arrays.toString(sorted));
        }
        assertEquals(SEEDS, draws.size(), "every seed draws a different set of images");
        assertNotEquals(FewShot.drawSeed(1, 1), FewShot.drawSeed(2, 0));
        assertThrows(IllegalArgumentException.class, () -> FewShot.sample(byClass, 11, 1), "a class with fewer than k images");
    }

    @Test
    void drawsFromTheSyntheticTrainingSplitNeverHoldATestImage() {
        long seed = 3;
        SyntheticColorDataset train = SyntheticColorDataset.standard(100, seed * 31 + 2, true);
        SyntheticColorDataset test = SyntheticColorDataset.standard(30, seed * 31 + 3, true);
        Set<Integer> testImages = new HashSet<>();
        for (int i = 0; i < test.size(); i++) testImages.add(Arrays.hashCode(test.get(i).image().toFloatArray()));
        List<List<Integer>> byClass = FewShot.byClass(train.labels(), train.numClasses());
        int k = 1;
        for (int s = 0; s < SEEDS; s++) {
            for (int r : FewShot.sample(byClass, k, FewShot.drawSeed(k, s))) {
                assertFalse(testImages.contains(Arrays.hashCode(train.get(r).image().toFloatArray())), "training row " + r + " is a test image");
            }
        }
    }
}
