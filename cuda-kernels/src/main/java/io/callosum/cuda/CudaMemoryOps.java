package io.callosum.cuda;

import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Storage;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

import java.nio.ByteBuffer;

/** Allocation, host transfers (async uploads, synchronising downloads), strided copy with dtype conversion, fill. */
final class CudaMemoryOps extends Family {
    private final CudaBackend backend;

    CudaMemoryOps(CudaDevice dev, CudaBackend backend) {
        super(dev);
        this.backend = backend;
    }

    CudaStorage allocate(DType dtype, int numel) {
        if (numel < 0) throw new IllegalArgumentException("allocate: negative size " + numel + " on " + dev.device);
        if (dtype == DType.FLOAT64) throw Family.float64("allocate");
        return new CudaStorage(backend, dtype, numel, dev.allocate((long) numel * dtype.bytes()), dev.allocator);
    }

    Storage fromFloats(float[] data) {
        CudaStorage s = allocate(DType.FLOAT32, data.length);
        dev.upload(s.pointer(0), 4L * data.length, b -> b.asFloatBuffer().put(data));
        return s;
    }

    Storage fromInts(int[] data) {
        CudaStorage s = allocate(DType.INT32, data.length);
        dev.upload(s.pointer(0), 4L * data.length, b -> b.asIntBuffer().put(data));
        return s;
    }

    Storage fromBytes(byte[] data) {
        CudaStorage s = allocate(DType.UINT8, data.length);
        dev.upload(s.pointer(0), data.length, b -> b.put(data));
        return s;
    }

    float[] toFloatArray(Operand src) {
        float[] out = new float[src.numel()];
        read(src, b -> b.asFloatBuffer().get(out));
        return out;
    }

    int[] toIntArray(Operand src) {
        int[] out = new int[src.numel()];
        read(src, b -> b.asIntBuffer().get(out));
        return out;
    }

    byte[] toByteArray(Operand src) {
        byte[] out = new byte[src.numel()];
        read(src, b -> b.get(out));
        return out;
    }

    /** Downloads src in logical order: directly when contiguous, else through a contiguous device copy first. */
    private void read(Operand src, java.util.function.Consumer<ByteBuffer> reader) {
        long bytes = (long) src.numel() * src.dtype().bytes();
        if (src.isContiguous()) {
            dev.download(ptr(src), bytes, reader);
            return;
        }
        Storage scratch = allocate(src.dtype(), src.numel());
        try {
            Operand tmp = Operand.contiguous(scratch, src.shape());
            copy(src, tmp);
            dev.download(ptr(tmp), bytes, reader);
        } finally {
            scratch.release();
        }
    }

    void copy(Operand src, Operand dst) {
        if (!Shape.equal(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("copy: shapes differ: " + Shape.str(src.shape()) + " → " + Shape.str(dst.shape()));
        }
        copyRaw(src.shape(), src.dtype(), ptr(src), src.strides(), dst.dtype(), ptr(dst), dst.strides());
    }

    /** A strided copy between device addresses; same-type contiguous copies become one cuMemcpyDtoDAsync. */
    void copyRaw(int[] shape, DType from, CUdeviceptr src, int[] srcStrides, DType to, CUdeviceptr dst, int[] dstStrides) {
        StridedGeometry g = StridedGeometry.of(shape, srcStrides, dstStrides);
        if (g.numel() == 0) return;
        if (from == to && g.contiguous()) {
            dev.check(JCudaDriver.cuMemcpyDtoDAsync(dst, src, g.numel() * from.bytes(), dev.stream), "cuMemcpyDtoDAsync");
            return;
        }
        launchGeo("memory", "copy_" + typeName(from) + "_" + typeName(to), g, new CUdeviceptr[]{src, dst},
                new int[]{from.bytes(), to.bytes()}, (geo, p, n) -> new Object[]{geo, p[0], p[1], n});
    }

    void fill(Operand dst, double value) {
        int bits = switch (dst.dtype()) {
            case FLOAT32 -> Float.floatToRawIntBits((float) value);
            case INT32 -> (int) value;
            case UINT8 -> (int) ((byte) (long) value) & 0xff;
            case FLOAT64 -> throw Family.float64("fill");
        };
        StridedGeometry g = StridedGeometry.of(dst.shape(), dst.strides());
        if (g.numel() == 0) return;
        CUdeviceptr p = ptr(dst);
        if (g.contiguous()) {
            int r = dst.dtype() == DType.UINT8
                    ? JCudaDriver.cuMemsetD8Async(p, (byte) bits, g.numel(), dev.stream)
                    : JCudaDriver.cuMemsetD32Async(p, bits, g.numel(), dev.stream);
            dev.check(r, "cuMemsetAsync");
            return;
        }
        launchGeo("memory", "fill_" + widthName(dst.dtype()), g, new CUdeviceptr[]{p}, new int[]{dst.dtype().bytes()},
                (geo, ptrs, n) -> new Object[]{geo, ptrs[0], n, bits});
    }

    /** Zeroes n floats at p (used before scatter-style kernels). */
    void zero(CUdeviceptr p, long floats) {
        if (floats > 0) dev.check(JCudaDriver.cuMemsetD32Async(p, 0, floats, dev.stream), "cuMemsetD32Async");
    }
}
