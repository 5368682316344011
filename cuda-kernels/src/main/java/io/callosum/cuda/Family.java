package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;
import jcuda.driver.CUdeviceptr;

/** What every kernel family shares: the device, and the device address of a tensor checked to live on it. */
abstract class Family {
    final CudaDevice dev;

    Family(CudaDevice dev) {
        this.dev = dev;
    }

    /** The address of t's first element; a tensor on another device is an error naming the op. */
    CUdeviceptr ptr(Operand t) {
        if (!(Operand.storageOf(t) instanceof CudaStorage s) || !t.device().equals(dev.device)) {
            throw new IllegalArgumentException(dev.currentOp() + ": tensor " + t.describe() + " is not on " + dev.device
                    + "; move it with .to(" + (dev.index == 0 ? "Device.cuda()" : "Device.cuda(" + dev.index + ")") + ")");
        }
        return s.pointer(t.offset());
    }

    /** ptr(t), or KernelArgs.NULL for an absent optional tensor. */
    Object ptrOrNull(Operand t) {
        return t == null ? KernelArgs.NULL : ptr(t);
    }

    /** Builds a Geo kernel's arguments for one launch: the packed geometry, each operand's address, the element count. */
    @FunctionalInterface
    interface GeoArgs {
        Object[] build(int[] geo, CUdeviceptr[] ptrs, int n);
    }

    /**
     * Launches a Geo kernel over g, once per slice of the dims beyond the kernels' 8 (once in the usual case), with
     * each operand's base address moved to the slice.
     */
    void launchGeo(String module, String kernel, StridedGeometry g, CUdeviceptr[] bases, int[] elementBytes, GeoArgs args) {
        if (g.numel() == 0) return;
        int[] packed = g.pack();
        int inner = g.innerNumel();
        for (int o = 0; o < g.outerCount(); o++) {
            int[] off = g.outerOffsets(o);
            CUdeviceptr[] p = new CUdeviceptr[bases.length];
            for (int k = 0; k < bases.length; k++) {
                p[k] = off[k] == 0 ? bases[k] : bases[k].withByteOffset((long) off[k] * elementBytes[k]);
            }
            dev.launch1d(module, kernel, inner, args.build(packed, p, inner));
        }
    }

    static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }

    /** The kernels' element-type suffix: f32, i32 or u8. */
    static String typeName(io.callosum.tensor.DType t) {
        return switch (t) {
            case FLOAT32 -> "f32";
            case INT32 -> "i32";
            case UINT8 -> "u8";
            case FLOAT64 -> throw float64("kernel lookup");
        };
    }

    /** The CUDA backend stores no FLOAT64 (it keeps {@code Backend.supports}' default); allocation refuses it first. */
    static UnsupportedOperationException float64(String op) {
        return new UnsupportedOperationException(op + ": float64 is not supported by the CUDA backend;"
                + " convert with .to(DType.FLOAT32)");
    }

    /** Kernels that only move elements pick by width: b32 (float or int) or b8. */
    static String widthName(io.callosum.tensor.DType t) {
        return t.bytes() == 4 ? "b32" : "b8";
    }
}
