package io.callosum.spark;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The sharding is a pure function of the seed: every example once per epoch, a new order each epoch. */
class ShardPlanTest {
    @Test
    void positionsAreAPermutationFixedByTheSeed() {
        ShardPlan plan = new ShardPlan(3, 4, 2, 7);
        int[] p = plan.positions(50);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
        assertArrayEquals(p, new ShardPlan(3, 4, 2, 7).positions(50));
        assertFalse(Arrays.equals(p, new ShardPlan(3, 4, 2, 8).positions(50)));
    }

    @Test
    void anEpochsLocalStepsUseEachExampleAtMostOnceAndEpochsDiffer() {
        ShardPlan plan = new ShardPlan(2, 5, 3, 1);
        int size = 37, rounds = plan.roundsPerEpoch(size);
        assertEquals(2, rounds);
        Set<Integer> seen = new HashSet<>();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                for (int i : plan.localBatch(1, size, 0, r, k)) {
                    assertTrue(i >= 0 && i < size);
                    assertTrue(seen.add(i), "example " + i + " twice in epoch 0");
                }
            }
        }
        assertEquals(30, seen.size());
        assertFalse(Arrays.equals(plan.localBatch(1, size, 0, 0, 0), plan.localBatch(1, size, 1, 0, 0)));
        assertFalse(Arrays.equals(plan.localBatch(0, size, 0, 0, 0), plan.localBatch(1, size, 0, 0, 0)));
    }

    @Test
    void badSettingsAndTooSmallPartitionsFailWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(0, 4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(2, 4, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardPlan(2, 8, 2, 0).localBatch(1, 20, 0, 1, 0));
        assertTrue(e.getMessage().contains("partition 1 holds 20"), e.getMessage());
    }
}
