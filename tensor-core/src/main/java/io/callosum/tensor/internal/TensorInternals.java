package io.callosum.tensor.internal;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Storage;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tensor construction over raw storage, for callosum's own ops, backends and loaders — not API (this package is
 * internal and may change without notice). These calls trust their caller with ownership and geometry, so they are
 * kept off {@link Tensor}'s public surface; users build tensors with {@code Tensor.of}, {@code zeros}, … instead.
 */
public final class TensorInternals {
    private static final MethodHandle WRAP, FROM_STORAGE, VIEW;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Tensor.class, MethodHandles.lookup());
            WRAP = l.findStatic(Tensor.class, "wrap", MethodType.methodType(Tensor.class, Storage.class, int[].class));
            FROM_STORAGE = l.findStatic(Tensor.class, "fromStorage",
                    MethodType.methodType(Tensor.class, Storage.class, int[].class, int[].class, int.class));
            VIEW = l.findVirtual(Tensor.class, "view", MethodType.methodType(Tensor.class, int[].class, int[].class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TensorInternals() {
    }

    /** Wraps a freshly allocated storage (taking over its reference) as a contiguous tensor of the given shape. */
    public static Tensor wrap(Storage storage, int... shape) {
        try {
            return (Tensor) WRAP.invokeExact(storage, shape);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A tensor over an existing storage (taking a new reference to it); bounds are checked. */
    public static Tensor fromStorage(Storage storage, int[] shape, int[] strides, int offset) {
        try {
            return (Tensor) FROM_STORAGE.invokeExact(storage, shape, strides, offset);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The storage under t (shared with its views), e.g. to bump its version after an in-place write; throws if t was closed. */
    public static Storage storage(Tensor t) {
        return Operand.storageOf(t);
    }

    /** A view of t's storage with the given geometry (shares the storage, no graph); bounds are checked. */
    public static Tensor view(Tensor t, int[] shape, int[] strides, int offset) {
        try {
            return (Tensor) VIEW.invokeExact(t, shape, strides, offset);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable th) {
            throw new IllegalStateException(th);
        }
    }
}
