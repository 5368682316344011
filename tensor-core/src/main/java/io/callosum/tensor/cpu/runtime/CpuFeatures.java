package io.callosum.tensor.cpu.runtime;

/**
 * Which CPU code path runs: the Vector API (jdk.incubator.vector, needs {@code --add-modules jdk.incubator.vector})
 * or the scalar fallback, which {@link CpuSettings#setScalar} can force.
 */
public final class CpuFeatures {
    private CpuFeatures() {
    }

    private static final boolean MODULE_PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** True when vectorised kernels are used. */
    public static boolean vectorized() {
        return MODULE_PRESENT && !CpuSettings.scalar();
    }

    /** Whether jdk.incubator.vector is loaded (even if the scalar path is forced). */
    public static boolean vectorModulePresent() {
        return MODULE_PRESENT;
    }

    /** e.g. "Vector API (512-bit, 16 floats)" or "scalar (jdk.incubator.vector not loaded)". */
    public static String describePath() {
        if (!MODULE_PRESENT) return "scalar (jdk.incubator.vector not loaded; add --add-modules jdk.incubator.vector)";
        if (CpuSettings.scalar()) return "scalar (forced by " + CpuSettings.SCALAR + ")";
        return VectorInfo.describe();
    }
}
