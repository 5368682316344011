package io.callosum.tensor.spi;

/** Elementwise ops of two same-shape (already broadcast) inputs. Comparisons write UINT8 0/1. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    EQ, NE, LT, LE, GT, GE,
    /** ReLU's backward: {@code b > 0 ? a : 0} (a = incoming gradient, b = the ReLU input or output). */
    RELU_GRAD;

    public boolean isComparison() {
        return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }
}
