package io.callosum.cuda.probe;

import java.util.Locale;
import java.util.Optional;

/** The one line the backend logs at start-up: driver, GPU, each vendor library (or why not) and the paths in use. */
public final class ProbeLine {
    private ProbeLine() {
    }

    /** What the device said about itself. */
    public record Gpu(int index, String name, int ccMajor, int ccMinor, int multiprocessors, long totalBytes) {
    }

    /** A vendor library's outcome: a version when in use, else the reason. */
    public record Vendor(boolean inUse, String label, String version, String reason) {
        /** A library in use: its {@code label} (which and from where) and {@code version}. */
        public static Vendor used(String label, String version) {
            return new Vendor(true, label, version, "");
        }

        /** A library not in use, and the {@code reason} the probe line gives. */
        public static Vendor notUsed(String reason) {
            return new Vendor(false, "", "", reason);
        }
    }

    /**
     * The line: device, driver and the kernels' PTX ISA (and whether this driver can load it), GPU, each library (with
     * where it came from) or why not, which implementation each op family uses, and the TF32 setting.
     */
    public static String format(int driverVersion, Optional<PtxIsa> ptx, Gpu gpu, Vendor cublas, Vendor cudnn, boolean tf32) {
        String gemm = cublas.inUse() ? "cuBLAS" : "built-in SGEMM";
        String conv = cudnn.inUse() ? "cuDNN" : "built-in im2col + " + gemm;
        return String.format(Locale.ROOT, "callosum cuda:%d · %s · %s (sm_%d%d, %d SMs, %.1f GiB) · %s · %s · gemm: %s, conv: %s, other ops: built-in PTX kernels · %s",
                gpu.index(), driver(driverVersion, ptx), gpu.name(), gpu.ccMajor(), gpu.ccMinor(), gpu.multiprocessors(),
                gpu.totalBytes() / (double) (1L << 30), describe(cublas), describe(cudnn), gemm, conv, tf32(tf32, cublas.inUse() || cudnn.inUse()));
    }

    /** "driver CUDA 13.0, PTX ISA 9.0 (needs 13.0+)", or the sentence saying the driver is too old for the PTX. */
    static String driver(int driverVersion, Optional<PtxIsa> ptx) {
        String d = "driver CUDA " + cudaVersion(driverVersion);
        if (ptx.isEmpty()) return d + ", PTX ISA unknown (no ptx.isa in ptx.properties and no .version line read)";
        PtxIsa isa = ptx.get();
        Optional<String> problem = isa.incompatibility(driverVersion);
        if (problem.isPresent()) return "DRIVER TOO OLD: " + problem.get();
        return d + ", PTX ISA " + isa.version() + " (needs " + cudaVersion(isa.minimumDriver().getAsInt()) + "+)";
    }

    static String tf32(boolean on, boolean anyLibrary) {
        if (!on) return "TF32 off (-Dcallosum.cuda.tf32=false: FP32 math throughout)";
        return "TF32 on for cuBLAS and cuDNN (-Dcallosum.cuda.tf32=true; the built-in SGEMM stays FP32)"
                + (anyLibrary ? "" : ", but neither library is in use");
    }

    private static String describe(Vendor v) {
        return v.inUse() ? v.label() + " " + v.version() : v.reason();
    }

    /** 13000 → "13.0", 12060 → "12.6". */
    public static String cudaVersion(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** cuBLAS's version integer (major·10000 + minor·100 + patch from 12 on, major·1000 + minor·100 + patch before) as "13.1.0". */
    public static String cublasVersion(int v) {
        if (v >= 100000) return (v / 10000) + "." + (v % 10000) / 100 + "." + v % 100;
        return (v / 1000) + "." + (v % 1000) / 100 + "." + v % 100;
    }

    /** cuDNN 9's version integer (major·10000 + minor·100 + patch; cuDNN 8 used major·1000 + minor·100 + patch). */
    public static String cudnnVersion(long v) {
        if (v >= 90000) return (v / 10000) + "." + (v % 10000) / 100 + "." + v % 100;
        return (v / 1000) + "." + (v % 1000) / 100 + "." + v % 100;
    }
}
