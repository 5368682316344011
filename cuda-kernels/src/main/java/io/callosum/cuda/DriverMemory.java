package io.callosum.cuda;

import io.callosum.cuda.alloc.MemoryStats;
import io.callosum.cuda.alloc.RawDeviceMemory;
import io.callosum.cuda.alloc.RawOutOfMemoryException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** cuMemAlloc / cuMemFree as the caching allocator's raw device (the context must be current). */
final class DriverMemory implements RawDeviceMemory<CUdeviceptr> {
    private final CudaDevice device;

    DriverMemory(CudaDevice device) {
        this.device = device;
    }

    @Override
    public CUdeviceptr allocate(long bytes) throws RawOutOfMemoryException {
        device.makeCurrent();
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) throw new RawOutOfMemoryException(CudaDevice.errorName(r));
        device.check(r, "cuMemAlloc(" + bytes + " bytes)");
        return p;
    }

    @Override
    public void free(CUdeviceptr segment) {
        device.makeCurrent();
        device.check(JCudaDriver.cuMemFree(segment), "cuMemFree");
    }

    /** cuStreamSynchronize on the backend's stream: every queued kernel that could touch a cached block is done. */
    @Override
    public void awaitIdle() {
        device.makeCurrent();
        device.check(JCudaDriver.cuStreamSynchronize(device.stream), "cuStreamSynchronize (before returning cached memory)");
    }

    @Override
    public String describe() {
        long[] free = new long[1], total = new long[1];
        device.makeCurrent();
        if (JCudaDriver.cuMemGetInfo(free, total) != CUresult.CUDA_SUCCESS) return "";
        return MemoryStats.bytes(free[0]) + " free of " + MemoryStats.bytes(total[0]);
    }
}
