package io.callosum.cuda.alloc;

/** The device refused a raw allocation; the caching allocator frees its cache and retries once before giving up. */
public final class RawOutOfMemoryException extends Exception {
    /** The device's refusal; {@code message} is its error name, e.g. CUDA_ERROR_OUT_OF_MEMORY. */
    public RawOutOfMemoryException(String message) {
        super(message);
    }
}
