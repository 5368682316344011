package io.callosum.tensor.testing;

import io.callosum.tensor.Backends;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BackendProvider;
import io.callosum.tensor.spi.ColorKernels;
import io.callosum.tensor.spi.Storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only device type "rec": records every kernel call by name and runs it on the CPU backend. */
public final class RecordingBackendProvider implements BackendProvider {
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final Device DEVICE = new Device("rec", 0);
    private static volatile Backend backend;
    /** Whether rec offers the optional {@link ColorKernels}; tests switch it off to run the composite fallback. */
    public static volatile boolean colorKernels = true;
    /** Whether rec stores FLOAT64 (as the CPU it runs on does); tests switch it off to act as a backend without it. */
    public static volatile boolean float64 = true;

    @Override public String deviceType() { return "rec"; }
    @Override public boolean isAvailable() { return true; }
    @Override public String unavailableReason() { return ""; }
    @Override public int deviceCount() { return 1; }

    @Override
    public Backend create(int index) {
        if (backend == null) {
            synchronized (RecordingBackendProvider.class) {
                if (backend == null) backend = build();
            }
        }
        return backend;
    }

    /** Storage on "rec" wrapping a CPU storage. */
    static final class RecStorage extends Storage {
        final Storage inner;

        RecStorage(Storage inner) {
            super(inner.dtype(), inner.size());
            this.inner = inner;
        }

        @Override public Backend backend() { return backend; }
        @Override protected void free() { inner.release(); }
    }

    private static Backend build() {
        Backend cpu = Backends.cpu();
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class, ColorKernels.class}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "device": return DEVICE;
                case "describe": return "rec (records calls, runs on cpu)";
                case "toString": return "RecordingBackend";
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                case "unsupported": return new UnsupportedOperationException(args[0] + " is not supported by rec");
                case "supports":
                    if (args[0] == DType.FLOAT64 && !float64) return false;
                    return cpu.supports((DType) args[0]);
                case "capability":
                    if (args[0] == ColorKernels.class && !colorKernels) return Optional.empty();
                    return InvocationHandler.invokeDefault(proxy, m, args);
                default: break;
            }
            CALLS.add(m.getName());
            Object[] a = args == null ? new Object[0] : args.clone();
            for (int i = 0; i < a.length; i++) {
                if (a[i] instanceof Tensor t) {
                    Storage s = TensorInternals.storage(t);
                    a[i] = TensorInternals.fromStorage(((RecStorage) s).inner, t.shape(), t.strides(), t.offset());
                }
            }
            try {
                Object r = m.invoke(cpu, a);
                return r instanceof Storage s ? new RecStorage(s) : r;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
