package io.callosum.splitbrain.augment;

import io.callosum.nn.data.Example;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.experiments.SingleImageStudy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One image made a data set: every item a different view of it, in range, reproducible, unlabelled. */
class AugmentedDatasetTest {
    @Test
    void oneImageGivesDistinctReproducibleViewsInRange() {
        SyntheticColorDataset source = SyntheticColorDataset.standard(3, 5, false);
        AugmentedDataset views = new AugmentedDataset(source, 1, 12, CriticalAugmentation.of(96, 96), 7);
        assertEquals(12, views.size());
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < views.size(); i++) {
            assertEquals(0, views.sourceOf(i));
            assertEquals(Example.UNLABELLED, views.label(i));
            float[] v = views.image(i).toTensor().toFloatArray();
            assertEquals(3 * 96 * 96, v.length);
            for (float x : v) assertTrue(x >= 0 && x <= 1, "pixel " + x);
            distinct.add(Arrays.hashCode(v));
            assertArrayEquals(v, views.image(i).toTensor().toFloatArray(), "the same index gives the same view");
        }
        assertEquals(12, distinct.size(), "every item is its own view");
        assertThrows(IllegalArgumentException.class, () -> new AugmentedDataset(source, 4, 12, CriticalAugmentation.of(96, 96), 7));
        assertThrows(IndexOutOfBoundsException.class, () -> views.image(12));
    }

    @Test
    void imageCountsArePowersOfTenBelowTheFullSet() {
        assertEquals(List.of(1, 10, 100), SingleImageStudy.imageCounts(512));
        assertEquals(List.of(1, 10), SingleImageStudy.imageCounts(100));
        assertEquals(List.of(), SingleImageStudy.imageCounts(1));
    }
}
