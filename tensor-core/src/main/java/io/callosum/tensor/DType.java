package io.callosum.tensor;

/** Element types. FLOAT32 is the compute type; INT32 holds class targets and indices; UINT8 holds masks and raw pixels. */
public enum DType {
    FLOAT32(4, "float32"),
    INT32(4, "int32"),
    UINT8(1, "uint8");

    private final int bytes;
    private final String label;

    DType(int bytes, String label) {
        this.bytes = bytes;
        this.label = label;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return this == FLOAT32;
    }

    /** The type two operands are computed in: float wins over integers, and integers compute in INT32. */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT32 || b == FLOAT32) return FLOAT32;
        return INT32;
    }

    @Override
    public String toString() {
        return label;
    }
}
