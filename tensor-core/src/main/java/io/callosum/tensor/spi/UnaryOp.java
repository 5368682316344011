package io.callosum.tensor.spi;

/**
 * Elementwise float ops of one input. Parameters {@code alpha}/{@code beta} are passed alongside: LEAKY_RELU slope,
 * POW exponent, ADD/MUL/RSUB/RDIV scalar, CLAMP bounds (alpha = min, beta = max; NaN means unbounded).
 */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, SQRT, RSQRT, SQUARE, RECIPROCAL, SIN, COS, FLOOR, CEIL, ROUND,
    RELU, LEAKY_RELU, SIGMOID, TANH, GELU, ERF,
    POW, ADD_SCALAR, MUL_SCALAR, RSUB_SCALAR, RDIV_SCALAR, CLAMP,
    /** Finite-check: 1 where the value is NaN or infinite, else 0 (anomaly detection). */
    NON_FINITE
}
