package io.callosum.tensor.cpu;

import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BackendProvider;

/** Registers the CPU backend with ServiceLoader like any other backend. */
public final class CpuBackendProvider implements BackendProvider {
    @Override public String deviceType() { return "cpu"; }
    @Override public boolean isAvailable() { return true; }
    @Override public String unavailableReason() { return ""; }
    @Override public int deviceCount() { return 1; }
    @Override public Backend create(int index) { return CpuBackend.instance(); }
}
