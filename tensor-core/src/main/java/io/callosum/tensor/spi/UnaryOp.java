package io.callosum.tensor.spi;

/**
 * Elementwise float ops of one input. Parameters {@code alpha}/{@code beta} are passed alongside: LEAKY_RELU slope,
 * POW exponent, ADD/MUL/RSUB/RDIV scalar, CLAMP bounds (alpha = min, beta = max; NaN means unbounded).
 *
 * <p>The constants, one per elementwise function of x: NEG −x; ABS |x|; SIGN −1, 0 or 1; EXP eˣ; LOG ln x; SQRT √x;
 * RSQRT 1/√x; SQUARE x²; RECIPROCAL 1/x; SIN and COS (radians); FLOOR, CEIL and ROUND (to nearest) to whole numbers;
 * RELU max(x, 0); LEAKY_RELU x or alpha·x below 0; SIGMOID 1/(1 + e⁻ˣ); TANH; GELU the exact, erf-based GELU; ERF the
 * error function; POW x^alpha; ADD_SCALAR x + alpha; MUL_SCALAR x·alpha; RSUB_SCALAR alpha − x; RDIV_SCALAR alpha / x;
 * CLAMP x limited to [alpha, beta].
 */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, SQRT, RSQRT, SQUARE, RECIPROCAL, SIN, COS, FLOOR, CEIL, ROUND,
    RELU, LEAKY_RELU, SIGMOID, TANH, GELU, ERF,
    POW, ADD_SCALAR, MUL_SCALAR, RSUB_SCALAR, RDIV_SCALAR, CLAMP,
    /** Finite-check: 1 where the value is NaN or infinite, else 0 (anomaly detection). */
    NON_FINITE
}
