package io.callosum.tensor.spi;

/**
 * Elementwise floating-point ops of one input x. The kernel's {@code alpha}/{@code beta} carry the scalar parameters
 * (the slope, exponent, scalar or bounds named below) so that one kernel signature serves every op.
 */
public enum UnaryOp {
    /** −x. */
    NEG,
    /** |x|. */
    ABS,
    /** −1, 0 or 1 by the sign of x. */
    SIGN,
    /** eˣ. */
    EXP,
    /** ln x, the natural logarithm. */
    LOG,
    /** √x. */
    SQRT,
    /** 1/√x. */
    RSQRT,
    /** x². */
    SQUARE,
    /** 1/x. */
    RECIPROCAL,
    /** sin x, x in radians. */
    SIN,
    /** cos x, x in radians. */
    COS,
    /** x rounded down to a whole number. */
    FLOOR,
    /** x rounded up to a whole number. */
    CEIL,
    /** x rounded to the nearest whole number. */
    ROUND,
    /** max(x, 0). */
    RELU,
    /** x above 0, alpha·x otherwise (alpha the slope). */
    LEAKY_RELU,
    /** 1/(1 + e⁻ˣ). */
    SIGMOID,
    /** tanh x. */
    TANH,
    /** The exact, erf-based GELU: x·Φ(x). */
    GELU,
    /** The error function erf x. */
    ERF,
    /** x^alpha (alpha the exponent). */
    POW,
    /** x + alpha. */
    ADD_SCALAR,
    /** x·alpha. */
    MUL_SCALAR,
    /** alpha − x. */
    RSUB_SCALAR,
    /** alpha / x. */
    RDIV_SCALAR,
    /** x limited to [alpha, beta]; a NaN bound means unbounded on that side. */
    CLAMP,
    /** Finite-check: 1 where the value is NaN or infinite, else 0 (anomaly detection). */
    NON_FINITE
}
