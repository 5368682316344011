package io.callosum.tensor.cpu.memory;

import io.callosum.tensor.DType;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.Storage;

/**
 * Heap storage: exactly one of the four arrays is non-null, matching the dtype. Freed arrays go back to the pool.
 * The owning backend is passed in so that this package does not depend on the backend class that routes to it.
 * {@link #get}/{@link #set} read and write any dtype through a double, which holds every value of each exactly: the
 * dtype-generic kernels (FLOAT64 and mixed-dtype copies) are written once against them.
 */
public final class CpuStorage extends Storage {
    final float[] f;
    final double[] d;
    final int[] i;
    final byte[] b;
    private final boolean pooled;
    private final Backend owner;

    private CpuStorage(Backend owner, DType dtype, int size, float[] f, double[] d, int[] i, byte[] b, boolean pooled) {
        super(dtype, size);
        this.f = f;
        this.d = d;
        this.i = i;
        this.b = b;
        this.pooled = pooled;
        this.owner = owner;
    }

    /** FLOAT32 storage over f (kept, not copied); pooled when f came from the buffer pool and goes back to it when freed. */
    public CpuStorage(Backend owner, float[] f, boolean pooled) {
        this(owner, DType.FLOAT32, f.length, f, null, null, null, pooled);
    }

    /** Double storage is never pooled: FLOAT64 is not on any hot path. */
    public CpuStorage(Backend owner, double[] d) {
        this(owner, DType.FLOAT64, d.length, null, d, null, null, false);
    }

    /** INT32 storage over i (kept, not copied); pooled as for FLOAT32. */
    public CpuStorage(Backend owner, int[] i, boolean pooled) {
        this(owner, DType.INT32, i.length, null, null, i, null, pooled);
    }

    /** UINT8 storage over b (kept, not copied); pooled as for FLOAT32 (the allocator never pools bytes). */
    public CpuStorage(Backend owner, byte[] b, boolean pooled) {
        this(owner, DType.UINT8, b.length, null, null, null, b, pooled);
    }

    @Override
    public Backend backend() {
        return owner;
    }

    /** The FLOAT32 array, for the tuned float kernels; another dtype is an error naming it. */
    public float[] floats() {
        if (f == null) throw new IllegalStateException("storage holds " + dtype() + ", not float32");
        return f;
    }

    /** The FLOAT64 array, for kernels that move doubles unconverted (the index copies); another dtype is an error. */
    public double[] doubles() {
        if (d == null) throw new IllegalStateException("storage holds " + dtype() + ", not float64");
        return d;
    }

    /** The INT32 array; another dtype is an error naming it. */
    public int[] ints() {
        if (i == null) throw new IllegalStateException("storage holds " + dtype() + ", not int32");
        return i;
    }

    /** The UINT8 array (signed in Java: read with {@code & 0xFF}); another dtype is an error naming it. */
    public byte[] bytes() {
        if (b == null) throw new IllegalStateException("storage holds " + dtype() + ", not uint8");
        return b;
    }

    /** Element {@code at} as a double (exact for every dtype; UINT8 unsigned). */
    public double get(int at) {
        if (d != null) return d[at];
        if (f != null) return f[at];
        if (i != null) return i[at];
        return b[at] & 0xFF;
    }

    /** Writes v converted to this dtype: rounded to float, C-style truncated to int, wrapped to uint8. */
    public void set(int at, double v) {
        if (d != null) d[at] = v;
        else if (f != null) f[at] = (float) v;
        else if (i != null) i[at] = (int) v;
        else b[at] = (byte) (long) v;
    }

    @Override
    protected void free() {
        if (!pooled) return;
        if (f != null) CpuBufferPool.release(f);
        else if (i != null) CpuBufferPool.release(i);
    }
}
