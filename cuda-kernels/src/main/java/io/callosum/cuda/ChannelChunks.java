package io.callosum.cuda;

/**
 * How norm.cu's two-stage channel sums split each channel's M elements: into {@code chunks} runs of {@code chunkLen}
 * (the last may be shorter, none is empty), one block per (channel, chunk) on gridDim.x. Enough chunks that C
 * channels give every SM several blocks, but none shorter than {@link #MIN_CHUNK} so a block's work outweighs its
 * start-up and the finishing kernel's per-channel loop stays short.
 */
record ChannelChunks(int chunks, int chunkLen) {
    /** Threads per block of bn_partial_stats / bn_backward_partial (BN_THREADS in norm.cu). */
    static final int THREADS = 256;
    /** Blocks per SM the split aims for (8 x 256 threads is a full SM on sm_80/sm_90). */
    static final int BLOCKS_PER_SM = 8;
    /** Fewest elements per chunk: 16 per thread. */
    static final int MIN_CHUNK = 16 * THREADS;

    /** The split of M elements per channel over C channels on a GPU of the given SM count. */
    static ChannelChunks of(int m, int c, int multiprocessors) {
        if (m < 0 || c < 1 || multiprocessors < 1) {
            throw new IllegalArgumentException("batch norm channel sums: need M >= 0, C >= 1 and SMs >= 1, got M=" + m + " C=" + c
                    + " SMs=" + multiprocessors);
        }
        long target = (long) BLOCKS_PER_SM * multiprocessors;
        long wanted = (target + c - 1) / c;
        long most = Math.max(1, ((long) m + MIN_CHUNK - 1) / MIN_CHUNK);
        long chunks = Math.max(1, Math.min(wanted, most));
        int chunkLen = (int) (((long) m + chunks - 1) / chunks);
        chunks = chunkLen == 0 ? 1 : ((long) m + chunkLen - 1) / chunkLen;  // no empty chunk after rounding up
        ChannelChunks plan = new ChannelChunks((int) chunks, chunkLen);
        LaunchLimits.check("batch norm channel sums", plan.blocks(c), 1, 1, THREADS);
        return plan;
    }

    /** gridDim.x: one block per (channel, chunk). */
    long blocks(int c) {
        return (long) c * chunks;
    }

    /** Bytes of the double partials: two per block. */
    long partialBytes(int c) {
        return 16L * blocks(c);
    }
}
