package io.callosum.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-side dim coalescing and the packed Geo layout the kernels read. */
class StridedGeometryTest {

    @Test
    void contiguousOperandsCollapseToOneDim() {
        StridedGeometry g = StridedGeometry.of(new int[]{2, 3, 4}, new int[]{12, 4, 1}, new int[]{12, 4, 1});
        assertArrayEquals(new int[]{24}, g.shape());
        assertArrayEquals(new int[]{1}, g.strides(0));
        assertTrue(g.contiguous());
    }

    @Test
    void broadcastDimsStayApartAndSizeOneDimsVanish() {
        // a [4,5] contiguous, b [1,5] expanded to [4,5] (stride 0 on dim 0), a size-1 middle dim
        StridedGeometry g = StridedGeometry.of(new int[]{4, 1, 5}, new int[]{5, 5, 1}, new int[]{0, 5, 1});
        assertArrayEquals(new int[]{4, 5}, g.shape());
        assertArrayEquals(new int[]{5, 1}, g.strides(0));
        assertArrayEquals(new int[]{0, 1}, g.strides(1));
        assertFalse(g.contiguous());
    }

    @Test
    void transposedViewDoesNotMerge() {
        StridedGeometry g = StridedGeometry.of(new int[]{3, 2}, new int[]{1, 3}, new int[]{2, 1});
        assertArrayEquals(new int[]{3, 2}, g.shape());
        assertEquals(2, g.rank());
    }

    @Test
    void scalarAndAllOnesShapesHaveRankZero() {
        StridedGeometry g = StridedGeometry.of(new int[]{1, 1}, new int[]{1, 1});
        assertEquals(0, g.rank());
        assertEquals(1, g.numel());
        assertTrue(g.contiguous());
        assertEquals(0, g.pack()[0]);
    }

    @Test
    void packFollowsTheGeoStructLayout() {
        StridedGeometry g = StridedGeometry.of(new int[]{4, 5}, new int[]{5, 1}, new int[]{0, 1}, new int[]{1, 4});
        int[] p = g.pack();
        assertEquals(StridedGeometry.PACKED_INTS, p.length);
        assertEquals(2, p[0]);
        assertEquals(4, p[1]);
        assertEquals(5, p[2]);
        int base = 1 + StridedGeometry.MAX_DIMS;
        assertArrayEquals(new int[]{5, 1}, new int[]{p[base], p[base + 1]});
        assertArrayEquals(new int[]{0, 1}, new int[]{p[base + 8], p[base + 9]});
        assertArrayEquals(new int[]{1, 4}, new int[]{p[base + 16], p[base + 17]});
    }

    @Test
    void moreThanEightDimsSplitIntoLaunchesOverTheLeadingOnes() {
        int[] shape = {2, 3, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] transposed = new int[shape.length];
        int[] contiguous = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            contiguous[d] = s;
            s *= shape[d];
        }
        // swap the strides of the two leading dims only pairwise-reverse every dim so nothing merges
        for (int d = 0; d < shape.length; d++) transposed[d] = contiguous[shape.length - 1 - d] * 1;
        StridedGeometry g = StridedGeometry.of(shape, transposed, contiguous);
        assertEquals(10, g.rank());
        assertEquals(6, g.outerCount());
        assertEquals(256, g.innerNumel());
        assertArrayEquals(new int[]{0, 0}, g.outerOffsets(0));
        // outer index 4 = (1, 1) over dims (2, 3)
        assertArrayEquals(new int[]{transposed[0] + transposed[1], contiguous[0] + contiguous[1]}, g.outerOffsets(4));
        assertEquals(8, g.pack()[0]);
    }
}
