package io.callosum.cuda;

import io.callosum.cuda.probe.DriverStatus;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BackendProvider;

import java.util.concurrent.ConcurrentHashMap;

/** Registers the "cuda" device type with ServiceLoader; available when the driver loads and reports a GPU. */
public final class CudaBackendProvider implements BackendProvider {
    private static final ConcurrentHashMap<Integer, CudaBackend> BACKENDS = new ConcurrentHashMap<>();

    @Override
    public String deviceType() {
        return "cuda";
    }

    @Override
    public boolean isAvailable() {
        return CudaRuntime.status().available();
    }

    @Override
    public String unavailableReason() {
        DriverStatus s = CudaRuntime.status();
        return s.available() ? "" : s.reason();
    }

    @Override
    public int deviceCount() {
        return CudaRuntime.status().deviceCount();
    }

    @Override
    public Backend create(int index) {
        DriverStatus s = CudaRuntime.status();
        if (!s.available()) throw new IllegalStateException("device cuda:" + index + " is not available: " + s.reason());
        if (index < 0 || index >= s.deviceCount()) {
            throw new IllegalArgumentException("device cuda:" + index + " does not exist: this machine has " + s.deviceCount() + " CUDA device(s)");
        }
        return BACKENDS.computeIfAbsent(index, CudaBackend::create);
    }
}
