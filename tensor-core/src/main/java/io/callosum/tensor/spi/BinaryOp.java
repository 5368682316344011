package io.callosum.tensor.spi;

/** Elementwise ops of two same-shape (already broadcast) inputs a and b. Comparisons write UINT8 0/1. */
public enum BinaryOp {
    /** a + b. */
    ADD,
    /** a − b. */
    SUB,
    /** a·b. */
    MUL,
    /** a / b. */
    DIV,
    /** a^b. */
    POW,
    /** The larger of a and b. */
    MAXIMUM,
    /** The smaller of a and b. */
    MINIMUM,
    /** 1 where a == b. */
    EQ,
    /** 1 where a != b. */
    NE,
    /** 1 where a &lt; b. */
    LT,
    /** 1 where a &lt;= b. */
    LE,
    /** 1 where a &gt; b. */
    GT,
    /** 1 where a &gt;= b. */
    GE,
    /** ReLU's backward: {@code b > 0 ? a : 0} (a = incoming gradient, b = the ReLU input or output). */
    RELU_GRAD;

    /** True for EQ … GE, whose output is a UINT8 0/1 mask rather than the inputs' dtype. */
    public boolean isComparison() {
        return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }
}
