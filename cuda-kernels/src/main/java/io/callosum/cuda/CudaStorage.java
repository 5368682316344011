package io.callosum.cuda;

import io.callosum.cuda.alloc.Block;
import io.callosum.cuda.alloc.CachingAllocator;
import io.callosum.tensor.DType;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.Storage;
import jcuda.driver.CUdeviceptr;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Device memory for a tensor: a block of the caching allocator. Freed when the last tensor view is closed; a storage
 * that becomes unreachable without being closed is returned by a {@link Cleaner} and counted as a leak.
 */
final class CudaStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();
    static final AtomicLong LEAKS = new AtomicLong();

    private final CudaBackend backend;
    private final CUdeviceptr base;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    CudaStorage(CudaBackend backend, DType dtype, int size, Block<CUdeviceptr> block, CachingAllocator<CUdeviceptr> allocator) {
        super(dtype, size);
        this.backend = backend;
        this.base = CudaDevice.pointer(block);
        this.release = new Release(allocator, block);
        this.cleanable = CLEANER.register(this, release);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The device address of element {@code elementOffset}. */
    CUdeviceptr pointer(long elementOffset) {
        return elementOffset == 0 ? base : base.withByteOffset(elementOffset * dtype().bytes());
    }

    @Override
    protected void free() {
        release.explicit = true;
        cleanable.clean();
    }

    /** Returns the block exactly once, whether closed or collected. Holds no reference to the storage. */
    private static final class Release implements Runnable {
        private final CachingAllocator<CUdeviceptr> allocator;
        private final Block<CUdeviceptr> block;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile boolean explicit;

        Release(CachingAllocator<CUdeviceptr> allocator, Block<CUdeviceptr> block) {
            this.allocator = allocator;
            this.block = block;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) return;
            if (!explicit) LEAKS.incrementAndGet();
            allocator.free(block);
        }
    }
}
