package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.cpu.runtime.Parallel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPU-specific parts of the convolution that the shared op suite (ConvOpsTest) cannot see. */
class CpuConvTest {
    @Test
    void weightGradientChunksBalanceThreadsWithinAMemoryBound() {
        int threads = Parallel.threads();
        assertEquals(1, CpuConv.weightGradientChunks(1, 100), "one image, one chunk");
        assertEquals(Math.min(64, 4 * threads), CpuConv.weightGradientChunks(64, 9 * 32 * 32),
                "small gradients: four chunks per thread");
        // A gradient so large that four partials per thread would pass the bound: fewer chunks, never below one per thread.
        int huge = (int) (CpuConv.PARTIAL_FLOATS / 2);
        int chunks = CpuConv.weightGradientChunks(64, huge);
        assertTrue(chunks >= Math.min(64, threads), "at least one chunk per thread, got " + chunks);
        assertTrue((long) Math.max(0, chunks - threads) * huge <= CpuConv.PARTIAL_FLOATS || chunks <= threads,
                "partials beyond one per thread stay within the bound, got " + chunks + " chunks");
        assertTrue(chunks < 4 * threads || threads == 1 && chunks <= 2, "the bound bites: " + chunks + " chunks");
    }
}
