package io.callosum.tensor.spi;

/**
 * Registers a backend through {@link java.util.ServiceLoader} (META-INF/services/io.callosum.tensor.spi.BackendProvider).
 * tensor-core ships the "cpu" provider; cuda-kernels adds "cuda". A provider may be present but unavailable (no GPU,
 * no driver): it then says why in one sentence.
 */
public interface BackendProvider {
    /** The device type this provider serves, e.g. "cuda". */
    String deviceType();

    /** Whether {@link #create(int)} can succeed on this machine. */
    boolean isAvailable();

    /** Why the backend is unavailable, as a sentence a user can act on; empty when available. */
    String unavailableReason();

    /** Number of devices of this type (0 when unavailable). */
    int deviceCount();

    /** Creates (or returns the shared) backend for one device index. */
    Backend create(int index);
}
