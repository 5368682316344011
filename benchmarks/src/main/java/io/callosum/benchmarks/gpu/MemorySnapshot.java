package io.callosum.benchmarks.gpu;

import io.callosum.cuda.CudaBackend;
import io.callosum.cuda.alloc.MemoryStats;
import io.callosum.tensor.Backends;
import io.callosum.tensor.LeakDetector;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What a training loop holds at one moment: tensors created but not closed (LeakDetector's count, on every
 * device), the caching allocator's bytes and the driver's used memory on a GPU, the JVM heap after a collection on
 * the CPU (where tensors live in the heap).
 */
record MemorySnapshot(long openTensors, long allocatedBytes, long reservedBytes, long driverUsedBytes, long heapBytes) {

    static MemorySnapshot take(Target target) {
        target.synchronize();
        LeakDetector.Report r = LeakDetector.report();
        long open = r.tracked() - r.closed();
        if (!target.isCuda()) return new MemorySnapshot(open, -1, -1, -1, heapAfterGc());
        CudaBackend cuda = (CudaBackend) Backends.get(target.device());
        MemoryStats s = cuda.memoryStats();
        return new MemorySnapshot(open, s.allocatedBytes(), s.reservedBytes(), driverUsed(), -1);
    }

    /** Total minus free device memory from cuMemGetInfo (the backend's context is current after a synchronize). */
    private static long driverUsed() {
        long[] free = new long[1], total = new long[1];
        int rc = JCudaDriver.cuMemGetInfo(free, total);
        if (rc != CUresult.CUDA_SUCCESS) throw new IllegalStateException("cuMemGetInfo failed: " + CUresult.stringFor(rc));
        return total[0] - free[0];
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    String describe() {
        if (allocatedBytes < 0) return VerdictRow.fmt("open tensors %d, heap %s", openTensors, MemoryStats.bytes(heapBytes));
        return VerdictRow.fmt("open tensors %d, allocated %s, reserved %s, driver used %s", openTensors,
                MemoryStats.bytes(allocatedBytes), MemoryStats.bytes(reservedBytes), MemoryStats.bytes(driverUsedBytes));
    }
}
