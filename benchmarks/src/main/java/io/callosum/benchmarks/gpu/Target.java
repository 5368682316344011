package io.callosum.benchmarks.gpu;

import io.callosum.tensor.Backends;
import io.callosum.tensor.Device;
import io.callosum.tensor.cpu.runtime.CpuSettings;

/**
 * Where a verdict program runs: {@code cuda}, {@code cuda:N}, {@code cpu}, or {@code cpu-scalar} (the CPU with its
 * Vector API path switched off, which gives the CPU-only dry run a second, genuinely different implementation to
 * compare against the vectorised CPU reference).
 */
public record Target(String name, Device device, boolean scalar) {
    public static Target parse(String spec) {
        String s = spec.trim();
        if (s.equals("cpu-scalar")) return new Target(s, Device.CPU, true);
        Device d = Device.parse(s);
        Backends.get(d); // fails here, with the provider's reason, when the device cannot be used
        return new Target(d.toString(), d, false);
    }

    public boolean isCuda() {
        return device.type().equals("cuda");
    }

    /** Selects this target's CPU path until the returned handle is closed. */
    public Activation activate() {
        boolean previous = CpuSettings.setScalar(scalar);
        return () -> CpuSettings.setScalar(previous);
    }

    /** Waits for the device's queued work (a no-op on the CPU). */
    public void synchronize() {
        Backends.get(device).synchronize();
    }

    public interface Activation extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public String toString() {
        return name;
    }
}
