package io.callosum.nn.io;

/**
 * Exact widening of the two 16-bit float formats published weights come in, so a half-precision file loads as the
 * FLOAT32 values it stands for: every F16 and BF16 value is exactly representable as a float.
 */
final class HalfFloats {
    private HalfFloats() {
    }

    /**
     * IEEE 754 binary16 (1 sign, 5 exponent, 10 fraction bits) to float: normals re-biased, subnormals (m·2⁻²⁴)
     * normalised, ±0, ±∞ kept, and NaN kept NaN with its payload in the top fraction bits.
     */
    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int fraction = h & 0x3ff;
        if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f; // exact: fraction < 2^10
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(magnitude));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    /** bfloat16 to float: bfloat16 is the top 16 bits of a float, so the low 16 bits are zero. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
