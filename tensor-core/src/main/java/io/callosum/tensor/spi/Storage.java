package io.callosum.tensor.spi;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flat buffer of {@code size} elements of one dtype, owned by a backend. Tensors (and views) share a storage
 * and hold a reference each; the buffer is returned to its backend when the last reference is released, so device
 * memory is freed deterministically rather than by the garbage collector.
 */
public abstract class Storage {
    private final DType dtype;
    private final int size;
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile int version;

    protected Storage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    public abstract Backend backend();

    /** Returns the buffer to the backend (pool or device allocator). Called once, when the last reference goes. */
    protected abstract void free();

    public final DType dtype() {
        return dtype;
    }

    public final int size() {
        return size;
    }

    public final Device device() {
        return backend().device();
    }

    public final boolean isFreed() {
        return refs.get() <= 0;
    }

    public final void retain() {
        int r = refs.getAndIncrement();
        if (r <= 0) throw new IllegalStateException("storage of " + size + " " + dtype + " was already freed");
    }

    public final void release() {
        int r = refs.decrementAndGet();
        if (r == 0) free();
    }

    /** Incremented by every in-place write, so autodiff can detect a saved tensor that was modified afterwards. */
    public final int version() {
        return version;
    }

    public final void bumpVersion() {
        version++;
    }
}
