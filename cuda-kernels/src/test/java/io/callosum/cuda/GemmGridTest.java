package io.callosum.cuda;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sgemm_tiled's grid stays within the CUDA limits for every shape, and its row-tile loop covers every row once. */
class GemmGridTest {
    /** The old launch put ceil(m / 64) on gridDim.y: above this m it exceeded 65535. */
    static final int OLD_LIMIT_M = 65535 * 64;

    private static void assertWithinLimits(GemmGrid g) {
        assertTrue(g.x() >= 1 && g.x() <= LaunchLimits.MAX_GRID_X, "gridDim.x " + g.x());
        assertTrue(g.y() >= 1 && g.y() <= LaunchLimits.MAX_GRID_YZ, "gridDim.y " + g.y());
        assertTrue(g.z() >= 1 && g.z() <= LaunchLimits.MAX_GRID_YZ, "gridDim.z " + g.z());
        assertTrue(GemmGrid.THREADS <= LaunchLimits.MAX_BLOCK_THREADS);
    }

    /** The kernel's loop: block y takes row tiles y, y + gridDim.y, …; every tile must be taken exactly once. */
    private static void assertRowTilesCoveredOnce(int m, GemmGrid g) {
        int rowTiles = GemmGrid.tiles(m);
        BitSet seen = new BitSet(rowTiles);
        long visits = 0;
        for (int by = 0; by < g.y(); by++) {
            for (int t = by; t < rowTiles; t += g.y()) {
                assertTrue(!seen.get(t), "row tile " + t + " taken twice");
                seen.set(t);
                visits++;
            }
        }
        assertEquals(rowTiles, visits);
        assertEquals(rowTiles, seen.cardinality());
        long lastRow0 = (long) (rowTiles - 1) * GemmGrid.TILE;
        assertTrue(lastRow0 < m && lastRow0 + GemmGrid.TILE >= m, "the last tile holds row m-1");
        assertTrue(lastRow0 + GemmGrid.TILE - 1 <= Integer.MAX_VALUE, "the kernel's int row index cannot overflow");
    }

    @Test
    void smallShapesGetOneBlockPerTile() {
        GemmGrid g = GemmGrid.of(100, 130, 3);
        assertEquals(new GemmGrid(3, 2, 3), g);
        assertEquals(new GemmGrid(1, 1, 1), GemmGrid.of(1, 1, 1));
        assertEquals(new GemmGrid(1, 1, 1), GemmGrid.of(64, 64, 1));
        assertEquals(new GemmGrid(2, 2, 1), GemmGrid.of(65, 65, 1));
    }

    @Test
    void rowsAtAndBeyondTheOldGridYLimitStayWithinLimits() {
        for (int m : new int[] {OLD_LIMIT_M - 1, OLD_LIMIT_M, OLD_LIMIT_M + 1, 2 * OLD_LIMIT_M + 7, 100_000_000, Integer.MAX_VALUE}) {
            GemmGrid g = GemmGrid.of(m, 8, 1);
            assertWithinLimits(g);
            assertEquals(Math.min(GemmGrid.tiles(m), 65535), g.y(), "m=" + m);
            assertRowTilesCoveredOnce(m, g);
        }
        assertEquals(65535, GemmGrid.of(OLD_LIMIT_M, 1, 1).y(), "exactly at the limit: one tile per block");
        assertEquals(65536, GemmGrid.tiles(OLD_LIMIT_M + 1), "one row more needs a 65536th row tile, beyond gridDim.y's 65535");
        assertEquals(65535, GemmGrid.of(OLD_LIMIT_M + 1, 1, 1).y(), "so the kernel loops");
    }

    @Test
    void widestShapesUseGridX() {
        GemmGrid g = GemmGrid.of(1, Integer.MAX_VALUE, 1);
        assertWithinLimits(g);
        assertEquals(33_554_432, g.x(), "ceil((2^31-1) / 64) column tiles, well under 2^31-1");
        assertTrue((long) (g.x() - 1) * GemmGrid.TILE + GemmGrid.TILE - 1 <= Integer.MAX_VALUE, "col0 + 63 fits the kernel's int");
    }

    @Test
    void batchesBeyond65535LoopOverGridZ() {
        GemmGrid g = GemmGrid.of(64, 64, 1_000_000);
        assertWithinLimits(g);
        assertEquals(65535, g.z());
        assertWithinLimits(GemmGrid.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void emptyOrNegativeShapesAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmGrid.of(0, 4, 1));
        assertTrue(e.getMessage().contains("sgemm_tiled") && e.getMessage().contains("m=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GemmGrid.of(4, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> GemmGrid.of(4, 4, 0));
    }

    @Test
    void launchLimitsRejectOversizedGrids() {
        LaunchLimits.check("k", Integer.MAX_VALUE, 65535, 65535, 1024);
        assertThrows(IllegalArgumentException.class, () -> LaunchLimits.check("k", 1L << 31, 1, 1, 256));
        assertThrows(IllegalArgumentException.class, () -> LaunchLimits.check("k", 1, 65536, 1, 256));
        assertThrows(IllegalArgumentException.class, () -> LaunchLimits.check("k", 1, 1, 65536, 256));
        assertThrows(IllegalArgumentException.class, () -> LaunchLimits.check("k", 1, 1, 1, 1025));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchLimits.check("sgemm_tiled", 0, 1, 1, 256));
        assertTrue(e.getMessage().startsWith("sgemm_tiled"), e.getMessage());
    }
}
