package io.callosum.tensor.spi;

/**
 * Elementwise ops of two same-shape (already broadcast) inputs. Comparisons write UINT8 0/1.
 *
 * <p>The constants, one per elementwise function of a and b: ADD a + b; SUB a − b; MUL a·b; DIV a / b; POW a^b; MAXIMUM
 * and MINIMUM the larger and smaller value; EQ, NE, LT, LE, GT and GE the comparisons a == b, a != b, a &lt; b, a &lt;=
 * b, a &gt; b and a &gt;= b.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    EQ, NE, LT, LE, GT, GE,
    /** ReLU's backward: {@code b > 0 ? a : 0} (a = incoming gradient, b = the ReLU input or output). */
    RELU_GRAD;

    /** True for EQ … GE, whose output is a UINT8 0/1 mask rather than the inputs' dtype. */
    public boolean isComparison() {
        return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }
}
