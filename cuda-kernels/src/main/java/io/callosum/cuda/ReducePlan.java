package io.callosum.cuda;

/**
 * How reduce.cu reduces nOut outputs of R float elements each, chosen by row length so short rows do not leave most
 * of a 256-thread block idle and long rows over few outputs still fill the GPU:
 * <ul>
 * <li>THREAD (reduce_thread_f32): a thread per output — rows of at most {@link #THREAD_MAX_R}, or strided rows over
 * many outputs (neighbouring outputs then read neighbouring addresses);
 * <li>WARP (reduce_warp_f32): a warp per output — rows up to {@link #WARP_MAX_R};
 * <li>BLOCK (reduce_block_f32): a block per output — longer rows;
 * <li>TWO_STAGE (reduce_block_f32 on chunks, then reduce_finish_f32): rows of at least 2 {@link #CHUNK} over fewer
 * outputs than twice the SM count.
 * </ul>
 */
record ReducePlan(Strategy strategy, int gridX, int gridY, int block, int chunks, int chunkLen) {
    enum Strategy { THREAD, WARP, BLOCK, TWO_STAGE }

    static final int THREADS = 256;
    static final int WARPS_PER_BLOCK = THREADS / 32;
    /** Rows this short are one thread's work. */
    static final int THREAD_MAX_R = 32;
    /** Rows up to this long are one warp's (32 elements per lane at most). */
    static final int WARP_MAX_R = 1024;
    /** Strided rows go thread-per-output from this many outputs on. */
    static final int STRIDED_THREAD_MIN_OUTPUTS = 1024;
    /** Elements per chunk of a two-stage reduction. */
    static final int CHUNK = 32768;
    /** Grid-stride kernels need no more than this many blocks per SM to fill it. */
    static final int BLOCKS_PER_SM = 32;

    /**
     * The plan for nOut outputs of R elements; innerContiguous says whether the innermost reduced dim has stride 1.
     */
    static ReducePlan choose(int nOut, int r, boolean innerContiguous, int multiprocessors) {
        if (nOut < 1 || r < 0 || multiprocessors < 1) {
            throw new IllegalArgumentException("reduce: need nOut >= 1, R >= 0 and SMs >= 1, got nOut=" + nOut + " R=" + r + " SMs=" + multiprocessors);
        }
        long fill = (long) BLOCKS_PER_SM * multiprocessors;
        ReducePlan plan;
        if (r <= THREAD_MAX_R || (!innerContiguous && nOut >= STRIDED_THREAD_MIN_OUTPUTS)) {
            plan = new ReducePlan(Strategy.THREAD, gridStride(nOut, THREADS, fill), 1, THREADS, 1, r);
        } else if (r <= WARP_MAX_R) {
            plan = new ReducePlan(Strategy.WARP, gridStride(nOut, WARPS_PER_BLOCK, fill), 1, THREADS, 1, r);
        } else if (nOut < 2 * multiprocessors && r >= 2 * CHUNK) {
            long chunks = Math.min(((long) r + CHUNK - 1) / CHUNK, Math.max(1, 4L * multiprocessors / nOut));
            chunks = Math.min(chunks, LaunchLimits.MAX_GRID_YZ);
            int chunkLen = (int) (((long) r + chunks - 1) / chunks);
            chunks = ((long) r + chunkLen - 1) / chunkLen;  // no empty chunk after rounding up
            plan = new ReducePlan(Strategy.TWO_STAGE, nOut, (int) chunks, THREADS, (int) chunks, chunkLen);  // chunks >= 2 here
        } else {
            plan = new ReducePlan(Strategy.BLOCK, nOut, 1, THREADS, 1, r);
        }
        LaunchLimits.check("reduce " + plan.strategy, plan.gridX, plan.gridY, 1, plan.block);
        return plan;
    }

    /** Blocks of a grid-stride loop over n items, perBlock items per block: at most one block per perBlock, at most fill. */
    static int gridStride(long n, int perBlock, long fill) {
        return (int) Math.max(1, Math.min((n + perBlock - 1) / perBlock, fill));
    }
}
