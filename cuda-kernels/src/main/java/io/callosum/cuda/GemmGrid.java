package io.callosum.cuda;

/**
 * The launch grid of gemm.cu's sgemm_tiled: 64-column tiles on gridDim.x (up to 2^31-1), row tiles and batches on
 * gridDim.y and gridDim.z capped at 65535, the kernel looping over the rest — so m, n and batch up to 2^31-1 launch.
 */
record GemmGrid(int x, int y, int z) {
    /** Rows and columns of C per block's tile (TM, TN in gemm.cu). */
    static final int TILE = 64;
    /** Threads per block (sgemm_tiled's __launch_bounds__). */
    static final int THREADS = 256;

    static GemmGrid of(int m, int n, int batch) {
        if (m < 1 || n < 1 || batch < 1) {
            throw new IllegalArgumentException("sgemm_tiled: m, n and batch must be positive, got m=" + m + " n=" + n + " batch=" + batch);
        }
        GemmGrid g = new GemmGrid(tiles(n), Math.min(tiles(m), LaunchLimits.MAX_GRID_YZ), Math.min(batch, LaunchLimits.MAX_GRID_YZ));
        LaunchLimits.check("sgemm_tiled", g.x, g.y, g.z, THREADS);
        return g;
    }

    /** ceil(extent / 64) without overflow for extents up to 2^31-1 (the kernel's rowTiles). */
    static int tiles(int extent) {
        return (int) ((extent + (long) TILE - 1) / TILE);
    }
}
