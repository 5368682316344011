package io.callosum.tensor;

/**
 * Element types. FLOAT32 is the compute type every kernel is tuned for; FLOAT64 is for exact reference work and
 * NumPy interchange (CPU, plain loops, a subset of ops); INT32 holds class targets and indices; UINT8 holds masks and
 * raw pixels.
 */
public enum DType {
    /** 32-bit IEEE float: the default compute type, which every op supports on every device and the kernels are tuned for. */
    FLOAT32(4, "float32"),
    /** 64-bit IEEE float: exact reference computations and NumPy's default type (CPU, a subset of ops). */
    FLOAT64(8, "float64"),
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
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The type two operands are computed in, as in PyTorch: float64 wins over everything, float32 over integers, and
     * integers compute in INT32.
     *
     * @param a one operand's type
     * @param b the other's
     * @return the common type
     */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT64 || b == FLOAT64) return FLOAT64;
        if (a == FLOAT32 || b == FLOAT32) return FLOAT32;
        return INT32;
    }

    /**
     * The floating type an op that needs fractions (exp, mean, dropout masks) computes in for this input, as in PyTorch:
     * itself when floating, FLOAT32 for integers.
     *
     * @return this type if floating, else FLOAT32
     */
    public DType floating() {
        return isFloating() ? this : FLOAT32;
    }

    /** PyTorch's name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return label;
    }
}
