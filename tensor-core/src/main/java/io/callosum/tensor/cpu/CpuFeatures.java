package io.callosum.tensor.cpu;

/**
 * Which CPU code path runs: the Vector API (jdk.incubator.vector, needs {@code --add-modules jdk.incubator.vector})
 * or the scalar fallback. {@code -Dcallosum.cpu.scalar=true} forces the scalar path.
 */
public final class CpuFeatures {
    private CpuFeatures() {
    }

    private static final boolean MODULE_PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile boolean forceScalar = Boolean.getBoolean("callosum.cpu.scalar");

    /** True when vectorised kernels are used. */
    public static boolean vectorized() {
        return MODULE_PRESENT && !forceScalar;
    }

    public static boolean vectorModulePresent() {
        return MODULE_PRESENT;
    }

    /** Switches paths at run time (tests run both); returns the previous setting. */
    public static boolean setForceScalar(boolean scalar) {
        boolean prev = forceScalar;
        forceScalar = scalar;
        return prev;
    }

    /**
     * Switches the Winograd path of 3×3 stride-1 convolutions on or off at run time (default on;
     * {@code -Dcallosum.cpu.winograd=false} starts with it off); returns the previous setting. For comparisons: both
     * paths compute the same convolution, Winograd with a quarter to a fifth of the multiply-adds and more rounding.
     */
    public static boolean setWinograd(boolean on) {
        return CpuWinograd.setEnabled(on);
    }

    /**
     * Forces Winograd's output tile: 4 (F(4×4, 3×3)), 6 (F(6×6, 3×3)), or 0 to choose per output size, the default
     * ({@code -Dcallosum.cpu.winograd.tile=4|6} at start-up); returns the previous setting. F(6×6) does a fifth fewer
     * multiply-adds than F(4×4) on 12×12 maps and rounds about 3× more.
     */
    public static int setWinogradTile(int tile) {
        return CpuWinograd.setForcedTile(tile);
    }

    /** Whether 3×3 stride-1 convolutions with enough channels run by Winograd's algorithm. */
    public static boolean winograd() {
        return CpuWinograd.enabled();
    }

    /** e.g. "Vector API (512-bit, 16 floats)" or "scalar (jdk.incubator.vector not loaded)". */
    public static String describePath() {
        if (!MODULE_PRESENT) return "scalar (jdk.incubator.vector not loaded; add --add-modules jdk.incubator.vector)";
        if (forceScalar) return "scalar (forced by callosum.cpu.scalar)";
        return VectorInfo.describe();
    }
}
