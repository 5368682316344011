package io.callosum.cuda;

/** A CUDA driver or library call failed; the message names the op, the shapes and the CUDA error. */
public class CudaException extends RuntimeException {
    private final int code;

    public CudaException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The CUresult (or library status) code. */
    public int code() {
        return code;
    }
}
