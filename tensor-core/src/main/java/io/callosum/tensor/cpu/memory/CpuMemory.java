package io.callosum.tensor.cpu.memory;

import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Storage;

/** Allocation, host transfer, strided copy with dtype conversion, and fill. */
public final class CpuMemory {
    private CpuMemory() {
    }

    /** Elements below which a memory-bound loop runs on the calling thread alone (the parallel grain). */
    public static final int GRAIN = 1 << 15;

    /** A heap storage of numel elements, FLOAT32 and INT32 arrays taken from the buffer pool where sizes allow. */
    public static Storage allocate(Backend owner, DType dtype, int numel) {
        if (numel < 0) throw new IllegalArgumentException("allocate: negative size " + numel);
        return switch (dtype) {
            case FLOAT32 -> new CpuStorage(owner, CpuBufferPool.floats(numel), CpuBufferPool.pools(numel));
            case FLOAT64 -> new CpuStorage(owner, new double[numel]);
            case INT32 -> new CpuStorage(owner, CpuBufferPool.ints(numel), CpuBufferPool.pools(numel));
            case UINT8 -> new CpuStorage(owner, new byte[numel], false);
        };
    }

    /** The operand's storage as a CpuStorage (every CPU operand has one). */
    public static CpuStorage cs(Operand t) {
        return (CpuStorage) Operand.storageOf(t);
    }

    /** The FLOAT32 array behind an operand; address it with the operand's offset and strides. */
    public static float[] f(Operand t) {
        return cs(t).floats();
    }

    /** The INT32 array behind an operand. */
    public static int[] i(Operand t) {
        return cs(t).ints();
    }

    /** The UINT8 array behind an operand. */
    public static byte[] b(Operand t) {
        return cs(t).bytes();
    }

    /** The operand's elements in row-major order as a new float array (converted from other dtypes). */
    public static float[] toFloatArray(Operand src) {
        float[] out = new float[src.numel()];
        Operand dst = Operand.contiguous(new CpuStorage(Operand.storageOf(src).backend(), out, false), src.shape());
        copy(src, dst);
        return out;
    }

    /** The operand's elements in row-major order as a new double array (exact for every dtype). */
    public static double[] toDoubleArray(Operand src) {
        double[] out = new double[src.numel()];
        Operand dst = Operand.contiguous(new CpuStorage(Operand.storageOf(src).backend(), out), src.shape());
        copy(src, dst);
        return out;
    }

    /** The operand's elements in row-major order as a new int array (floats truncated). */
    public static int[] toIntArray(Operand src) {
        int[] out = new int[src.numel()];
        Operand dst = Operand.contiguous(new CpuStorage(Operand.storageOf(src).backend(), out, false), src.shape());
        copy(src, dst);
        return out;
    }

    /** The operand's elements in row-major order as a new byte array (values wrapped to 0..255). */
    public static byte[] toByteArray(Operand src) {
        byte[] out = new byte[src.numel()];
        Operand dst = Operand.contiguous(new CpuStorage(Operand.storageOf(src).backend(), out, false), src.shape());
        copy(src, dst);
        return out;
    }

    /** MemoryKernels.copy on the CPU: same shape, any strides, dtype converted through double. */
    public static void copy(Operand src, Operand dst) {
        if (!Shape.equal(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("copy: shapes differ: " + Shape.str(src.shape()) + " → " + Shape.str(dst.shape()));
        }
        StridedLoop loop = StridedLoop.of(src.shape(), src.strides(), dst.strides());
        int[] base = {src.offset(), dst.offset()};
        int ss = loop.innerStride(0), ds = loop.innerStride(1);
        DType from = src.dtype(), to = dst.dtype();
        if (from == DType.FLOAT32 && to == DType.FLOAT32) {
            float[] a = f(src), o = f(dst);
            loop.forAll(base, GRAIN, (offs, len) -> {
                int x = offs[0], y = offs[1];
                if (ss == 1 && ds == 1) System.arraycopy(a, x, o, y, len);
                else for (int k = 0; k < len; k++) o[y + k * ds] = a[x + k * ss];
            });
            return;
        }
        if (from == DType.INT32 && to == DType.INT32) {
            int[] a = i(src), o = i(dst);
            loop.forAll(base, GRAIN, (offs, len) -> {
                if (ss == 1 && ds == 1) System.arraycopy(a, offs[0], o, offs[1], len);
                else for (int k = 0; k < len; k++) o[offs[1] + k * ds] = a[offs[0] + k * ss];
            });
            return;
        }
        // Other dtypes: through a double, with C-style truncation to integers and wrap-around to uint8.
        CpuStorage s = cs(src), d = cs(dst);
        loop.forAll(base, GRAIN, (offs, len) -> {
            for (int k = 0; k < len; k++) d.set(offs[1] + k * ds, s.get(offs[0] + k * ss));
        });
    }

    /** MemoryKernels.fill on the CPU: every element of dst, any strides, set to value in dst's dtype. */
    public static void fill(Operand dst, double value) {
        StridedLoop loop = StridedLoop.of(dst.shape(), dst.strides());
        int ds = loop.innerStride(0);
        CpuStorage d = cs(dst);
        int[] base = {dst.offset()};
        if (d.f != null) {
            float v = (float) value;
            loop.forAll(base, GRAIN, (offs, len) -> {
                if (ds == 1) java.util.Arrays.fill(d.f, offs[0], offs[0] + len, v);
                else for (int k = 0; k < len; k++) d.f[offs[0] + k * ds] = v;
            });
        } else if (d.d != null) {
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) d.d[offs[0] + k * ds] = value;
            });
        } else if (d.i != null) {
            int v = (int) value;
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) d.i[offs[0] + k * ds] = v;
            });
        } else {
            byte v = (byte) (long) value;
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) d.b[offs[0] + k * ds] = v;
            });
        }
    }
}
