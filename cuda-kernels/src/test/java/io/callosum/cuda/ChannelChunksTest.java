package io.callosum.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch-norm channel split: chunks cover each channel exactly, fill the GPU when channels are few, stay within
 * launch limits; and a Java port of norm.cu's (n, s) walk visits every element of the channel once.
 */
class ChannelChunksTest {
    private static void assertCoversExactly(int m, ChannelChunks p) {
        assertTrue(p.chunks() >= 1 && p.chunkLen() >= 0);
        assertTrue((long) p.chunks() * p.chunkLen() >= m, "chunks cover M=" + m + ": " + p);
        if (m > 0) assertTrue((long) (p.chunks() - 1) * p.chunkLen() < m, "no empty chunk for M=" + m + ": " + p);
    }

    @Test
    void fewChannelsOverManyElementsGetManyBlocksPerChannel() {
        // ResNet's first BN at batch 64: C = 64, M = 64 * 112 * 112 on 132 SMs: the old launch had 64 blocks
        ChannelChunks p = ChannelChunks.of(64 * 112 * 112, 64, 132);
        assertCoversExactly(64 * 112 * 112, p);
        assertTrue(p.blocks(64) >= 8L * 132, "at least 8 blocks per SM, got " + p.blocks(64));
        assertTrue(p.chunkLen() >= ChannelChunks.MIN_CHUNK);
        ChannelChunks one = ChannelChunks.of(1 << 24, 1, 132);
        assertEquals(8 * 132, one.chunks(), "one channel: 8 blocks per SM");
        assertCoversExactly(1 << 24, one);
    }

    @Test
    void shortChannelsStayInOneChunk() {
        assertEquals(new ChannelChunks(1, 100), ChannelChunks.of(100, 4, 132));
        assertEquals(1, ChannelChunks.of(ChannelChunks.MIN_CHUNK, 1, 132).chunks());
        assertEquals(2, ChannelChunks.of(ChannelChunks.MIN_CHUNK + 1, 1, 132).chunks());
        assertEquals(new ChannelChunks(1, 0), ChannelChunks.of(0, 3, 132), "an empty batch still launches one block per channel");
    }

    @Test
    void manyChannelsGetOneBlockEach() {
        ChannelChunks p = ChannelChunks.of(1 << 20, 100_000, 132);
        assertEquals(1, p.chunks());
        assertEquals(100_000L, p.blocks(100_000));
    }

    @Test
    void extremeShapesStayWithinLaunchLimits() {
        for (int[] mc : new int[][] {{Integer.MAX_VALUE, 1}, {Integer.MAX_VALUE / 3, 3}, {1, Integer.MAX_VALUE}, {2, 1 << 30}}) {
            ChannelChunks p = ChannelChunks.of(mc[0], mc[1], 132);
            assertCoversExactly(mc[0], p);
            assertTrue(p.blocks(mc[1]) <= LaunchLimits.MAX_GRID_X, p + " for C=" + mc[1]);
            assertTrue((long) p.chunks() * p.chunkLen() - mc[0] < p.chunkLen() || mc[0] == 0);
        }
        assertEquals(16L * 132 * 8, ChannelChunks.of(1 << 24, 1, 132).partialBytes(1));
    }

    @Test
    void badArgumentsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelChunks.of(10, 0, 132));
        assertTrue(e.getMessage().contains("batch norm") && e.getMessage().contains("C=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChannelChunks.of(-1, 1, 132));
    }

    /** channel_chunk_sums' walk in norm.cu, ported: each block's threads step (n, p) by blockDim without dividing. */
    private static int[] visits(int n, int c, int s, ChannelChunks plan, int blockDim) {
        int[] count = new int[n * c * s];
        for (int block = 0; block < c * plan.chunks(); block++) {
            int ch = block / plan.chunks(), chunk = block - ch * plan.chunks();
            int begin = chunk * plan.chunkLen(), end = Math.min(n * s, begin + plan.chunkLen());
            for (int t = 0; t < blockDim; t++) {
                int e = begin + t;
                if (e >= end) continue;
                int nn = e / s, p = e - nn * s;
                int stepN = blockDim / s, stepP = blockDim - stepN * s;
                do {
                    int at = (nn * c + ch) * s + p;
                    assertEquals(ch, (at / s) % c, "address " + at + " lies in channel " + ch);
                    count[at]++;
                    nn += stepN;
                    p += stepP;
                    if (p >= s) { p -= s; ++nn; }
                    e += blockDim;
                } while (e < end);
            }
        }
        return count;
    }

    @Test
    void theKernelsWalkVisitsEveryElementOnce() {
        int[][] shapes = {{2, 3, 1}, {5, 2, 7}, {3, 4, 300}, {1, 1, 5000}, {7, 3, 49}, {64, 2, 1}, {4, 2, 256}, {3, 2, 257}, {9, 1, 1000}};
        for (int[] sh : shapes) {
            int m = sh[0] * sh[2];
            for (ChannelChunks plan : new ChannelChunks[] {ChannelChunks.of(m, sh[1], 132), new ChannelChunks((m + 36) / 37, 37),
                    new ChannelChunks((m + 999) / 1000, 1000)}) {
                for (int blockDim : new int[] {ChannelChunks.THREADS, 32}) {
                    int[] count = visits(sh[0], sh[1], sh[2], plan, blockDim);
                    for (int i = 0; i < count.length; i++) {
                        assertEquals(1, count[i], "element " + i + " of " + sh[0] + "x" + sh[1] + "x" + sh[2] + " with " + plan + ", block " + blockDim);
                    }
                }
            }
        }
    }
}
