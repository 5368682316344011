package io.callosum.tensor;

/** Element types. FLOAT32 is the compute type; INT32 holds class targets and indices; UINT8 holds masks and raw pixels. */
public enum DType {
    /** 32-bit IEEE float: the compute type of every differentiable op. */
    FLOAT32(4, "float32"),
    /** 32-bit signed integer: class targets, indices and counts. */
    INT32(4, "int32"),
    /** Unsigned byte, 0..255: comparison masks and raw image pixels. */
    UINT8(1, "uint8");

    private final int bytes;
    private final String label;

    DType(int bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    /**
     * The size of one element, e.g. to compute a buffer's memory.
     *
     * @return bytes per element
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Whether this is a floating-point type: only those can require gradients or hold fractions.
     *
     * @return true for floating-point types
     */
    public boolean isFloating() {
        return this == FLOAT32;
    }

    /**
     * The type two operands are computed in: float wins over integers, and integers compute in INT32.
     *
     * @param a one operand's type
     * @param b the other's
     * @return the common type
     */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT32 || b == FLOAT32) return FLOAT32;
        return INT32;
    }

    /** PyTorch's name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return label;
    }
}
