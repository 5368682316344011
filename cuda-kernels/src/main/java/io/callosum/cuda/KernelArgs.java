package io.callosum.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * Kernel parameters for cuLaunchKernel: each argument becomes a pointer to its bytes. Integer → int, Float → float,
 * Double → double, Long → 64-bit integer, int[] → a struct passed by value (Geo, ConvGeo, PoolGeo, QuantParams),
 * a device pointer → its address, and {@link #NULL} → a null device pointer.
 */
final class KernelArgs {
    private KernelArgs() {
    }

    /** A null device pointer argument (optional tensors such as a missing class weight). */
    static final Object NULL = new Object();

    static Pointer pack(Object... args) {
        NativePointerObject[] ps = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) ps[i] = one(args[i], i);
        return Pointer.to(ps);
    }

    private static Pointer one(Object a, int i) {
        if (a == NULL || a == null) return Pointer.to(new long[]{0});
        if (a instanceof Pointer p) return Pointer.to(p);
        if (a instanceof Integer v) return Pointer.to(new int[]{v});
        if (a instanceof Float v) return Pointer.to(new float[]{v});
        if (a instanceof Double v) return Pointer.to(new double[]{v});
        if (a instanceof Long v) return Pointer.to(new long[]{v});
        if (a instanceof int[] v) return Pointer.to(v);
        throw new IllegalArgumentException("kernel argument " + i + " has unsupported type " + a.getClass().getName());
    }
}
