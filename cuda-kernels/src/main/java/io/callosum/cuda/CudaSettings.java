package io.callosum.cuda;

import java.util.Locale;

/**
 * Settings of the CUDA backend that can change while it runs. TF32: whether cuBLAS and cuDNN may round float32
 * operands to TF32 on tensor cores (faster, about 10 mantissa bits); off by default so results are float32-exact to
 * float32 rounding. Set with {@code -Dcallosum.cuda.tf32=true|false} or {@link #setTf32}; the built-in SGEMM kernel
 * always computes in FP32.
 */
public final class CudaSettings {
    /** The system property read for the TF32 default. */
    public static final String TF32_PROPERTY = "callosum.cuda.tf32";

    private static volatile Boolean tf32Override;

    private CudaSettings() {
    }

    /** Whether TF32 is on: the value given to {@link #setTf32}, else {@code -Dcallosum.cuda.tf32} (default false). */
    public static boolean tf32() {
        Boolean o = tf32Override;
        return o != null ? o : parseTf32(System.getProperty(TF32_PROPERTY));
    }

    /** Turns TF32 on or off for every CUDA backend from the next cuBLAS / cuDNN call on. */
    public static void setTf32(boolean on) {
        tf32Override = on;
    }

    /** Forgets {@link #setTf32}: the system property decides again. */
    public static void clearTf32() {
        tf32Override = null;
    }

    /** "true"/"false" (any case, surrounding blanks ignored), absent or blank = false; anything else is an error. */
    static boolean parseTf32(String value) {
        if (value == null || value.isBlank()) return false;
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("-D" + TF32_PROPERTY + " must be true or false, got '" + value + "'");
    }
}
