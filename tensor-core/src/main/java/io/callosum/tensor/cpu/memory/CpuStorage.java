package io.callosum.tensor.cpu.memory;

import io.callosum.tensor.DType;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.Storage;

/**
 * Heap storage: exactly one of the three arrays is non-null, matching the dtype. Freed arrays go back to the pool.
 * The owning backend is passed in so that this package does not depend on the backend class that routes to it.
 */
public final class CpuStorage extends Storage {
    final float[] f;
    final int[] i;
    final byte[] b;
    private final boolean pooled;
    private final Backend owner;

    /** A FLOAT32 storage over f; pooled storages return their array to the buffer pool when freed. */
    public CpuStorage(Backend owner, float[] f, boolean pooled) {
        super(DType.FLOAT32, f.length);
        this.f = f;
        this.i = null;
        this.b = null;
        this.pooled = pooled;
        this.owner = owner;
    }

    /** An INT32 storage over i; pooled storages return their array to the buffer pool when freed. */
    public CpuStorage(Backend owner, int[] i, boolean pooled) {
        super(DType.INT32, i.length);
        this.f = null;
        this.i = i;
        this.b = null;
        this.pooled = pooled;
        this.owner = owner;
    }

    /** A UINT8 storage over b. */
    public CpuStorage(Backend owner, byte[] b, boolean pooled) {
        super(DType.UINT8, b.length);
        this.f = null;
        this.i = null;
        this.b = b;
        this.pooled = pooled;
        this.owner = owner;
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** The FLOAT32 array; an error for another dtype. */
    public float[] floats() {
        if (f == null) throw new IllegalStateException("storage holds " + dtype() + ", not float32");
        return f;
    }

    /** The INT32 array; an error for another dtype. */
    public int[] ints() {
        if (i == null) throw new IllegalStateException("storage holds " + dtype() + ", not int32");
        return i;
    }

    /** The UINT8 array; an error for another dtype. */
    public byte[] bytes() {
        if (b == null) throw new IllegalStateException("storage holds " + dtype() + ", not uint8");
        return b;
    }

    @Override
    protected void free() {
        if (!pooled) return;
        if (f != null) CpuBufferPool.release(f);
        else if (i != null) CpuBufferPool.release(i);
    }
}
