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

    /** A storage with one reference, held by its creator. */
    protected Storage(DType dtype, int size) {
        this.dtype = dtype;
        this.size = size;
    }

    /** The backend that allocated this buffer and runs kernels on it. */
    public abstract Backend backend();

    /** Returns the buffer to the backend (pool or device allocator). Called once, when the last reference goes. */
    protected abstract void free();

    /** The element type. */
    public final DType dtype() {
        return dtype;
    }

    /** Capacity in elements. */
    public final int size() {
        return size;
    }

    /** The backend's device. */
    public final Device device() {
        return backend().device();
    }

    /** True once the last reference was released and the buffer returned. */
    public final boolean isFreed() {
        return refs.get() <= 0;
    }

    /** Takes another reference (a new view); fails if the storage was already freed. */
    public final void retain() {
        int r = refs.getAndIncrement();
        if (r <= 0) throw new IllegalStateException("storage of " + size + " " + dtype + " was already freed");
    }

    /** Drops a reference; the last one frees the buffer. */
    public final void release() {
        int r = refs.decrementAndGet();
        if (r == 0) free();
    }

    /** Incremented by every in-place write, so autodiff can detect a saved tensor that was modified afterwards. */
    public final int version() {
        return version;
    }

    /** Records an in-place write (see {@link #version()}). */
    public final void bumpVersion() {
        version++;
    }
}
