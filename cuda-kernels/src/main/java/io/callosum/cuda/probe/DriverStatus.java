package io.callosum.cuda.probe;

/**
 * Whether the CUDA backend can run here, decided from what loading the JCuda driver binding and asking the driver
 * gave (unit-tested with made-up results). Never throws: an unavailable backend is a normal state with a reason.
 */
public record DriverStatus(boolean available, int deviceCount, String reason) {

    /**
     * @param loadError what loading libJCudaDriver (which needs libcuda.so.1) threw, or null
     * @param initResult cuInit's result (ignored when loading failed)
     * @param initErrorName the CUresult name of initResult
     * @param deviceCount cuDeviceGetCount's answer
     */
    public static DriverStatus decide(Throwable loadError, int initResult, String initErrorName, int deviceCount) {
        if (loadError != null) {
            String msg = String.valueOf(loadError.getMessage());
            String hint = msg.contains("libcuda.so") ? " (libcuda.so.1 comes with the NVIDIA driver: this machine has none)" : "";
            return new DriverStatus(false, 0, "the CUDA driver could not be loaded through JCuda: "
                    + loadError.getClass().getSimpleName() + ": " + firstLine(msg) + hint);
        }
        if (initResult != 0) {
            return new DriverStatus(false, 0, "cuInit failed with " + initErrorName + " (" + initResult + "): the NVIDIA driver is present but no usable GPU was found");
        }
        if (deviceCount <= 0) return new DriverStatus(false, 0, "the NVIDIA driver reports no CUDA device");
        return new DriverStatus(true, deviceCount, "");
    }

    /**
     * This status, made unavailable when the driver cannot JIT the kernels' PTX (every op would fail loading its
     * module); unchanged when the driver version or the ISA is unknown.
     */
    public DriverStatus requirePtx(int driverVersion, java.util.Optional<PtxIsa> ptx) {
        if (!available || driverVersion <= 0 || ptx.isEmpty() || ptx.get().minimumDriver().isEmpty()) return this;
        return ptx.get().incompatibility(driverVersion).map(why -> new DriverStatus(false, 0, why)).orElse(this);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
