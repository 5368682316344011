package io.callosum.cuda;

import io.callosum.cuda.ReducePlan.Strategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The float reduction's strategy by row length, at each threshold, and its grids within the CUDA launch limits. */
class ReducePlanTest {
    static final int SMS = 132;

    private static ReducePlan plan(int nOut, int r) {
        return ReducePlan.choose(nOut, r, true, SMS);
    }

    private static void assertWithinLimits(ReducePlan p) {
        assertTrue(p.gridX() >= 1 && p.gridX() <= LaunchLimits.MAX_GRID_X, p.toString());
        assertTrue(p.gridY() >= 1 && p.gridY() <= LaunchLimits.MAX_GRID_YZ, p.toString());
        assertTrue(p.block() >= 32 && p.block() <= LaunchLimits.MAX_BLOCK_THREADS && p.block() % 32 == 0, p.toString());
    }

    @Test
    void rowsUpTo32AreAThreadEach() {
        assertEquals(Strategy.THREAD, plan(1000, 1).strategy());
        assertEquals(Strategy.THREAD, plan(1000, ReducePlan.THREAD_MAX_R).strategy());
        assertEquals(Strategy.THREAD, plan(1, 0).strategy(), "an empty reduction still writes its outputs");
        assertEquals(Strategy.WARP, plan(1000, ReducePlan.THREAD_MAX_R + 1).strategy());
    }

    @Test
    void rowsUpTo1024AreAWarpEach() {
        assertEquals(Strategy.WARP, plan(1, ReducePlan.WARP_MAX_R).strategy());
        assertEquals(Strategy.WARP, plan(10_000_000, 100).strategy());
        ReducePlan p = plan(100_000, 100);
        assertEquals(ReducePlan.THREADS, p.block());
        assertEquals(Math.min((100_000 + 7) / 8, 32 * SMS), p.gridX(), "8 warps per block, grid-stride beyond 32 blocks per SM");
        assertEquals(1, plan(3, 500).gridX(), "3 outputs: one block of 8 warps");
        assertEquals(Strategy.BLOCK, plan(1000, ReducePlan.WARP_MAX_R + 1).strategy());
    }

    @Test
    void longerRowsAreABlockEach() {
        ReducePlan p = plan(5000, 50_000);
        assertEquals(Strategy.BLOCK, p.strategy());
        assertEquals(5000, p.gridX());
        assertEquals(1, p.gridY());
        assertEquals(50_000, p.chunkLen(), "one chunk: the whole row");
        assertEquals(Strategy.BLOCK, plan(2 * SMS, 1 << 20).strategy(), "enough outputs to fill the GPU one block each");
        assertEquals(Strategy.BLOCK, plan(1, 2 * ReducePlan.CHUNK - 1).strategy(), "below two chunks");
    }

    @Test
    void veryLongRowsOverFewOutputsAreSplitIntoChunks() {
        ReducePlan p = plan(1, 1 << 25);
        assertEquals(Strategy.TWO_STAGE, p.strategy());
        assertEquals(4 * SMS, p.chunks(), "a full-tensor sum: 4 blocks per SM");
        assertEquals(p.chunks(), p.gridY());
        assertCovers(1 << 25, p);
        assertEquals(512, plan(1, 1 << 24).chunks(), "no chunk shorter than 32768: 2^24 / 2^15");
        ReducePlan q = plan(2 * SMS - 1, 2 * ReducePlan.CHUNK);
        assertEquals(Strategy.TWO_STAGE, q.strategy());
        assertEquals(2, q.chunks(), "each row in two 32768-element chunks");
        assertCovers(2 * ReducePlan.CHUNK, q);
        assertEquals(2 * SMS - 1, q.gridX());
    }

    private static void assertCovers(int r, ReducePlan p) {
        assertTrue((long) p.chunks() * p.chunkLen() >= r, p.toString());
        assertTrue((long) (p.chunks() - 1) * p.chunkLen() < r, "no empty chunk: " + p);
    }

    @Test
    void stridedRowsOverManyOutputsAreAThreadEach() {
        assertEquals(Strategy.THREAD, ReducePlan.choose(ReducePlan.STRIDED_THREAD_MIN_OUTPUTS, 5000, false, SMS).strategy());
        assertEquals(Strategy.WARP, ReducePlan.choose(ReducePlan.STRIDED_THREAD_MIN_OUTPUTS - 1, 500, false, SMS).strategy());
        assertEquals(Strategy.BLOCK, ReducePlan.choose(ReducePlan.STRIDED_THREAD_MIN_OUTPUTS - 1, 5000, false, SMS).strategy());
    }

    @Test
    void everyPlanFitsTheLaunchLimits() {
        int[] outs = {1, 2, 131, 263, 264, 1023, 1024, 65535, 65536, 1 << 24, Integer.MAX_VALUE};
        int[] rows = {0, 1, 32, 33, 1024, 1025, 65535, 65536, 1 << 20, Integer.MAX_VALUE};
        for (int sms : new int[] {1, 8, 132}) {
            for (int nOut : outs) {
                for (int r : rows) {
                    if ((long) nOut * r > Integer.MAX_VALUE && r > 1) continue;  // no tensor that large
                    for (boolean contiguous : new boolean[] {true, false}) {
                        ReducePlan p = ReducePlan.choose(nOut, r, contiguous, sms);
                        assertWithinLimits(p);
                        if (p.strategy() == Strategy.TWO_STAGE) assertCovers(r, p);
                        if (p.strategy() == Strategy.BLOCK) assertEquals(nOut, p.gridX(), "a block per output");
                        if (p.strategy() == Strategy.THREAD || p.strategy() == Strategy.WARP) {
                            assertTrue(p.gridX() <= 32L * sms, "grid-stride grids stop at 32 blocks per SM: " + p);
                        }
                    }
                }
            }
        }
        ReducePlan whole = ReducePlan.choose(1, Integer.MAX_VALUE, true, 132);
        assertEquals(Strategy.TWO_STAGE, whole.strategy());
        assertCovers(Integer.MAX_VALUE, whole);
    }

    @Test
    void badArgumentsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReducePlan.choose(0, 10, true, SMS));
        assertTrue(e.getMessage().startsWith("reduce") && e.getMessage().contains("nOut=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReducePlan.choose(1, -1, true, SMS));
    }
}
