package io.callosum.tensor;

import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BackendProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend for a device through {@link ServiceLoader} only, the CPU backend included: the tensor API names
 * no backend class, so a backend depends on the SPI and never the other way round.
 */
public final class Backends {
    private Backends() {
    }

    private static final Map<Device, Backend> CACHE = new ConcurrentHashMap<>();
    private static volatile List<BackendProvider> providers;

    private static volatile Backend cpu;

    /**
     * The CPU backend (tensor-core registers it, so it is always on the class path).
     *
     * @return the CPU backend
     */
    public static Backend cpu() {
        Backend b = cpu;
        if (b == null) cpu = b = get(Device.CPU);
        return b;
    }

    /**
     * The backend for a device, checked to store the dtype (see {@link Backend#supports}): the gate every tensor
     * allocation and device copy goes through, so FLOAT64 on CUDA fails here, naming the op and the way out.
     *
     * @param op the op asking, named in the error
     * @param device the device the tensor will live on
     * @param dtype the element type it will have
     * @return the device's backend, as {@link #get(Device)} gives it
     * @throws UnsupportedOperationException if that backend does not store dtype (convert to FLOAT32 or stay on the CPU)
     */
    public static Backend forDType(String op, Device device, DType dtype) {
        Backend b = get(device);
        if (!b.supports(dtype)) {
            throw new UnsupportedOperationException(op + ": " + dtype + " tensors are not supported on " + device + " (" + b.describe()
                    + "); convert with .to(DType.FLOAT32) first, or keep the " + dtype + " tensor on the CPU");
        }
        return b;
    }

    /**
     * The backend for a device, created once by its provider and then shared by every tensor there.
     *
     * @param device the device
     * @return its backend
     * @throws IllegalStateException if no provider for the device type is on the class path or the device is
     *   unavailable (with the provider's reason)
     * @throws IllegalArgumentException if the index is beyond the machine's device count
     */
    public static Backend get(Device device) {
        Backend b = CACHE.get(device);
        if (b != null) return b;
        synchronized (CACHE) {
            b = CACHE.get(device);
            if (b != null) return b;
            BackendProvider p = provider(device.type());
            if (!p.isAvailable()) {
                throw new IllegalStateException("device " + device + " is not available: " + p.unavailableReason());
            }
            if (device.index() >= p.deviceCount()) {
                throw new IllegalArgumentException("device " + device + " does not exist: this machine has " + p.deviceCount()
                        + " " + device.type() + " device(s)");
            }
            b = p.create(device.index());
            CACHE.put(device, b);
            return b;
        }
    }

    /**
     * The provider for a device type, or a clear error listing what is on the class path.
     *
     * @param type a device type, e.g. "cuda"
     * @return its provider
     * @throws IllegalStateException if none is on the class path
     */
    public static BackendProvider provider(String type) {
        for (BackendProvider p : providers()) if (p.deviceType().equals(type)) return p;
        List<String> types = new ArrayList<>();
        for (BackendProvider p : providers()) types.add(p.deviceType());
        String hint = type.equals("cuda") ? " — add the io.callosum:cuda-kernels dependency to use GPUs" : "";
        throw new IllegalStateException("no backend for device type '" + type + "' on the class path (found: " + types + ")" + hint);
    }

    /**
     * Whether a device type can be used here, e.g. to fall back to the CPU when no GPU is present.
     *
     * @param type a device type, e.g. "cuda"
     * @return true if its provider is on the class path and reports itself available
     */
    public static boolean isAvailable(String type) {
        for (BackendProvider p : providers()) if (p.deviceType().equals(type)) return p.isAvailable();
        return false;
    }

    /**
     * Every backend provider found on the class path through ServiceLoader (loaded once).
     *
     * @return an unmodifiable list
     */
    public static List<BackendProvider> providers() {
        List<BackendProvider> ps = providers;
        if (ps == null) {
            synchronized (Backends.class) {
                if (providers == null) {
                    List<BackendProvider> list = new ArrayList<>();
                    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) list.add(p);
                    providers = List.copyOf(list);
                }
                ps = providers;
            }
        }
        return ps;
    }
}
