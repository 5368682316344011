package io.callosum.cuda.alloc;

/** The device refused a raw allocation; the caching allocator frees its cache and retries once before giving up. */
public final class RawOutOfMemoryException extends Exception {
    public RawOutOfMemoryException(String message) {
        super(message);
    }
}
