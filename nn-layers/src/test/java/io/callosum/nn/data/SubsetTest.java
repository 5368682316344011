package io.callosum.nn.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubsetTest {
    @Test
    void viewsTheChosenItemsInOrder() {
        SyntheticDataset base = new SyntheticDataset(20);
        Subset s = new Subset(base, new int[]{7, 3, 19});
        assertEquals(3, s.size());
        assertEquals(10, s.numClasses());
        assertArrayEquals(new int[]{7, 3, 9}, s.labels());
        assertArrayEquals(base.image(3).data(), s.image(1).data());
        assertEquals(19, s.baseIndex(2));
        assertTrue(s.name().startsWith("synthetic(20)"), s.name());
        Subset r = Subset.range(base, 5, 8);
        assertArrayEquals(new int[]{5, 6, 7}, r.labels());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> new Subset(base, new int[]{1, 20}));
        assertEquals("Subset of synthetic(20): index 20 at position 1 is outside 0..19", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> s.image(3));
        assertThrows(IndexOutOfBoundsException.class, () -> Subset.range(base, 5, 21));
    }
}
