package io.callosum.cuda;

/** A CUDA driver or library call failed; the message names the op, the shapes and the CUDA error. */
public class CudaException extends RuntimeException {
    /** The CUresult or library status that failed, kept for callers that branch on it. */
    private final int code;

    /** A failure described by {@code message} (op, shapes, CUDA error) with the status {@code code}. */
    public CudaException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The CUresult (or library status) code. */
    public int code() {
        return code;
    }
}
