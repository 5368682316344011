package io.callosum.cuda;

/** The CUDA launch limits every GPU since compute capability 3.0 shares; grids computed in Java are checked against them. */
final class LaunchLimits {
    /** gridDim.x may be up to 2^31 - 1. */
    static final int MAX_GRID_X = Integer.MAX_VALUE;
    /** gridDim.y and gridDim.z may be up to 65535. */
    static final int MAX_GRID_YZ = 65535;
    /** At most 1024 threads in a block. */
    static final int MAX_BLOCK_THREADS = 1024;

    private LaunchLimits() {
    }

    /** Throws naming the kernel when a grid or block exceeds the limits (a launch would fail with an opaque error). */
    static void check(String kernel, long gridX, long gridY, long gridZ, long block) {
        if (gridX < 1 || gridX > MAX_GRID_X || gridY < 1 || gridY > MAX_GRID_YZ || gridZ < 1 || gridZ > MAX_GRID_YZ
                || block < 1 || block > MAX_BLOCK_THREADS) {
            throw new IllegalArgumentException(kernel + ": launch grid " + gridX + "×" + gridY + "×" + gridZ + " of " + block
                    + "-thread blocks is outside the CUDA limits (x ≤ 2^31-1, y, z ≤ 65535, block ≤ 1024)");
        }
    }
}
