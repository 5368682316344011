package io.callosum.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.callosum.nn.io.RawSafeTensors.concat;
import static io.callosum.nn.io.RawSafeTensors.littleEndianShorts;
import static org.junit.jupiter.api.Assertions.*;

/**
 * F16 and BF16 widen to float exactly: every one of the 65 536 bit patterns of each against a reference that evaluates
 * the format's definition (sign, biased exponent, fraction) in double arithmetic, plus named cases; and a file holding
 * them loads as FLOAT32 tensors.
 */
class HalfFloatsTest {
    @TempDir
    Path dir;

    /** (−1)^s · 2^(e − bias) · (1 + f / 2^fractionBits), subnormal 2^(1 − bias) · f / 2^fractionBits; all-ones exponent ∞ or NaN. */
    private static double reference(int bits, int exponentBits, int fractionBits) {
        int bias = (1 << (exponentBits - 1)) - 1, maxExponent = (1 << exponentBits) - 1;
        double sign = (bits >>> (exponentBits + fractionBits) & 1) == 1 ? -1 : 1;
        int e = bits >>> fractionBits & maxExponent, f = bits & ((1 << fractionBits) - 1);
        if (e == maxExponent) return f == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        if (e == 0) return sign * Math.scalb((double) f, 1 - bias - fractionBits);
        return sign * Math.scalb((double) ((1 << fractionBits) + f), e - bias - fractionBits);
    }

    private static void assertSameFloat(double expected, float actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals((float) expected, actual, 0, what);
            assertEquals(expected, actual, 0, what + " (exact, no rounding)");
            assertEquals(Math.copySign(1.0, expected), Math.copySign(1.0f, actual), 0, what + " sign (of zero too)");
        }
    }

    @Test
    void everyF16BitPatternMatchesTheDefinition() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            assertSameFloat(reference(bits, 5, 10), HalfFloats.f16ToFloat((short) bits), "F16 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void everyBf16BitPatternMatchesTheDefinition() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            assertSameFloat(reference(bits, 8, 7), HalfFloats.bf16ToFloat((short) bits), "BF16 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void namedF16AndBf16Values() {
        assertEquals(1.0f, HalfFloats.f16ToFloat((short) 0x3c00));
        assertEquals(-2.0f, HalfFloats.f16ToFloat((short) 0xc000));
        assertEquals(65504f, HalfFloats.f16ToFloat((short) 0x7bff), "largest F16");
        assertEquals(0x1p-14f, HalfFloats.f16ToFloat((short) 0x0400), "smallest normal F16");
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001), "smallest subnormal F16");
        assertEquals(1023 * 0x1p-24f, HalfFloats.f16ToFloat((short) 0x03ff), "largest subnormal F16");
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(HalfFloats.f16ToFloat((short) 0x8000)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16ToFloat((short) 0xfc00));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7e00)));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7c01)), "the smallest NaN payload stays NaN, not infinity");

        assertEquals(1.0f, HalfFloats.bf16ToFloat((short) 0x3f80));
        assertEquals(3.140625f, HalfFloats.bf16ToFloat((short) 0x4049));
        assertEquals(0x1p-133f, HalfFloats.bf16ToFloat((short) 0x0001), "BF16 subnormal");
        assertEquals(Float.intBitsToFloat(0x7f7f0000), HalfFloats.bf16ToFloat((short) 0x7f7f), "largest BF16");
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bf16ToFloat((short) 0x7f80));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat((short) 0xffc1)));
    }

    @Test
    void halfPrecisionTensorsLoadAsFloat32() throws IOException {
        int[] f16 = {0x3c00, 0xc000, 0x0001, 0x7c00, 0x8000, 0x3555};
        int[] bf16 = {0x3f80, 0x4049, 0xff80, 0x0001};
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[12,20]}}";
        Path file = RawSafeTensors.write(dir.resolve("half.safetensors"), header, concat(littleEndianShorts(f16), littleEndianShorts(bf16)));
        var tensors = SafeTensors.read(file).tensors();
        assertEquals(io.callosum.tensor.DType.FLOAT32, tensors.get("h").dtype());
        assertArrayEquals(new int[]{2, 3}, tensors.get("h").shape());
        assertArrayEquals(new float[]{1f, -2f, 0x1p-24f, Float.POSITIVE_INFINITY, -0.0f, 0.33325195f}, tensors.get("h").toFloatArray());
        assertArrayEquals(new float[]{1f, 3.140625f, Float.NEGATIVE_INFINITY, 0x1p-133f}, tensors.get("b").toFloatArray());
    }

    @Test
    void halfPrecisionRangeMustHoldTwoBytesPerElement() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("short.safetensors"), "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,4]}}",
                littleEndianShorts(0x3c00, 0x3c00));
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("shape [3] of F16 needs 6 bytes but the range holds 4"), e.getMessage());
    }
}
