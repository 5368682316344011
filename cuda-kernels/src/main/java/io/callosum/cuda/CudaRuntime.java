package io.callosum.cuda;

import io.callosum.cuda.probe.DriverStatus;
import io.callosum.cuda.probe.PtxIsa;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.util.Optional;

/**
 * Loads the JCuda driver binding and asks the driver what is there, once per JVM. Catches everything loading can
 * throw (no libcuda.so.1 is the usual case on machines without a GPU), so the provider stays a well-behaved
 * ServiceLoader citizen that reports "unavailable, because …".
 */
final class CudaRuntime {
    private static DriverStatus status;
    private static int driverVersion;
    private static Optional<PtxIsa> ptxIsa;

    private CudaRuntime() {
    }

    static synchronized DriverStatus status() {
        if (status == null) status = probe();
        return status;
    }

    static synchronized int driverVersion() {
        status();
        return driverVersion;
    }

    /** The PTX ISA of our kernels (ptx.properties' ptx.isa, else a module's .version line), read once. */
    static synchronized Optional<PtxIsa> ptxIsa() {
        if (ptxIsa == null) ptxIsa = PtxIsa.ofKernels();
        return ptxIsa;
    }

    private static DriverStatus probe() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int init = JCudaDriver.cuInit(0);
            if (init != CUresult.CUDA_SUCCESS) return DriverStatus.decide(null, init, CUresult.stringFor(init), 0);
            int[] v = new int[1];
            if (JCudaDriver.cuDriverGetVersion(v) == CUresult.CUDA_SUCCESS) driverVersion = v[0];
            int[] count = new int[1];
            int r = JCudaDriver.cuDeviceGetCount(count);
            if (r != CUresult.CUDA_SUCCESS) return DriverStatus.decide(null, r, CUresult.stringFor(r), 0);
            return DriverStatus.decide(null, 0, "", count[0]).requirePtx(driverVersion, ptxIsa());
        } catch (LinkageError | RuntimeException e) {
            return DriverStatus.decide(e, 0, "", 0);
        }
    }
}
