package io.callosum.tensor.npy;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .npy headers (versions, byte order, Fortran order, bad input) built by hand here, and Java round trips. */
class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file written the way NumPy lays it out, with a given version, dict and data. */
    static byte[] file(int major, String dict, byte[] data) {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(prefix + d.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) b.putShort((short) d.length); else b.putInt(d.length);
        return b.put(d).put(data).array();
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(order);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    @Test
    void readsBothByteOrdersVersionsAndFortranOrder() {
        float[] v = {1, 2, 3, 4, 5, 6};
        Tensor le = Npy.decode(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n", floats(ByteOrder.LITTLE_ENDIAN, v)), "le", false);
        Tensor be = Npy.decode(file(2, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }\n", floats(ByteOrder.BIG_ENDIAN, v)), "be", false);
        for (Tensor t : new Tensor[]{le, be}) {
            assertArrayEquals(new int[]{2, 3}, t.shape());
            assertArrayEquals(v, t.toFloatArray());
        }
        // Fortran order: column-major data of [[1, 2, 3], [4, 5, 6]]
        Tensor f = Npy.decode(file(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }\n",
                floats(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)), "f", false);
        assertArrayEquals(new int[]{2, 3}, f.shape());
        assertArrayEquals(v, f.toFloatArray());
        Tensor scalar = Npy.decode(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }\n", floats(ByteOrder.LITTLE_ENDIAN, 7)), "s", false);
        assertEquals(0, scalar.dim());
        assertEquals(7f, scalar.item());
        Tensor bool = Npy.decode(file(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", new byte[]{1, 0, 1}), "b", false);
        assertEquals(DType.UINT8, bool.dtype());
        assertArrayEquals(new byte[]{1, 0, 1}, bool.toByteArray());
    }

    @Test
    void float64ReadsAsFloat64UnlessRoundingIsAskedFor() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-2.5);
        byte[] bytes = file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n", b.array());
        Tensor exact = Npy.decode(bytes, "d.npy", false);
        assertEquals(DType.FLOAT64, exact.dtype());
        assertArrayEquals(new double[]{0.1, -2.5}, exact.toDoubleArray());
        Tensor rounded = Npy.decode(bytes, "d.npy", true);
        assertEquals(DType.FLOAT32, rounded.dtype());
        assertArrayEquals(new float[]{0.1f, -2.5f}, rounded.toFloatArray());
    }

    @Test
    void float64RoundTripsBitForBitIncludingBigEndianInput() {
        double[] values = {0.1, -1e300, Double.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1.0 / 3};
        Tensor t = Tensor.of(values, 2, 3);
        byte[] bytes = Npy.encode(t, false);
        assertTrue(new String(bytes, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1).contains("'<f8'"));
        Tensor back = Npy.decode(bytes, "rt.npy", false);
        assertEquals(DType.FLOAT64, back.dtype());
        assertArrayEquals(new int[]{2, 3}, back.shape());
        double[] got = back.toDoubleArray();
        for (int i = 0; i < values.length; i++) assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(1.0 / 3);
        Tensor big = Npy.decode(file(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n", be.array()), "be.npy", false);
        assertEquals(1.0 / 3, big.getDouble(0));
    }

    @Test
    void badFilesAreErrorsNamingTheFileAndTheProblem() {
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n";
        assertMessage("x.npy does not start with the .npy magic", () -> Npy.decode(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, "x.npy", false));
        byte[] v4 = file(1, ok, floats(ByteOrder.LITTLE_ENDIAN, 1, 2));
        v4[6] = 4;
        assertMessage("format version 4.0", () -> Npy.decode(v4, "x.npy", false));
        assertMessage("needs 8 data bytes but the file holds 4", () -> Npy.decode(file(1, ok, floats(ByteOrder.LITTLE_ENDIAN, 1)), "x.npy", false));
        assertMessage("dtype 'c16'", () -> Npy.decode(file(1, ok.replace("<f4", "<c16"), new byte[32]), "x.npy", false));
        assertMessage("holds dtype 'U3'", () -> Npy.decode(file(1, ok.replace("<f4", "<U3"), new byte[24]), "x.npy", false));
        assertMessage("not a plain numeric type", () -> Npy.decode(file(1, ok.replace("<f4", "<M8[ns]"), new byte[16]), "x.npy", false));
        assertMessage("lacks 'descr'", () -> Npy.decode(file(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }\n", new byte[8]), "x.npy", false));
        assertMessage("more than 2^31 - 1 elements", () -> Npy.decode(file(1, ok.replace("(2,)", "(65536, 65536)"), new byte[0]), "x.npy", false));
    }

    @Test
    void writesAlignedVersion1HeadersAndRoundTripsEveryDtype() throws Exception {
        Tensor f = Tensor.of(new float[][]{{1.5f, -2}, {Float.MIN_VALUE, Float.NaN}});
        Tensor i = Tensor.of(new int[]{Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3);
        Tensor u = Tensor.ofBytes(new byte[]{0, (byte) 255, 7}, 3, 1);
        for (Tensor t : new Tensor[]{f, i, u, f.t(), Tensor.scalar(3)}) {
            byte[] bytes = Npy.encode(t, false);
            NpyHeader h = NpyHeader.parse(bytes, "mem");
            assertEquals(0, h.dataOffset() % 64, "data starts 64-byte aligned, as NumPy writes it");
            assertEquals('\n', bytes[h.dataOffset() - 1]);
            Path p = dir.resolve("t.npy");
            Npy.write(p, t);
            Tensor back = Npy.read(p);
            assertEquals(t.dtype(), back.dtype());
            assertArrayEquals(t.shape(), back.shape());
            assertArrayEquals(t.toIntArray(), back.toIntArray());
            if (t.dtype() == DType.FLOAT32) {
                float[] a = t.toFloatArray(), c = back.toFloatArray();
                for (int k = 0; k < a.length; k++) assertEquals(Float.floatToRawIntBits(a[k]), Float.floatToRawIntBits(c[k]), "bit-exact");
            }
        }
        String header = new String(Npy.encode(Tensor.zeros(4), false), 10, 60, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }"), header);
        Path m = dir.resolve("m.npy");
        Npy.writeBool(m, Tensor.of(new float[]{-1, 2}, 2).gt(0));
        assertTrue(new String(java.nio.file.Files.readAllBytes(m), StandardCharsets.ISO_8859_1).contains("'|b1'"));
        assertArrayEquals(new byte[]{0, 1}, Npy.read(m).toByteArray());
        assertMessage("element 1 of [2] uint8 cpu is 2, not 0 or 1", () -> Npy.writeBool(m, Tensor.ofBytes(new byte[]{1, 2}, 2)));
        assertMessage("writeBool needs a UINT8 mask", () -> Npy.writeBool(m, Tensor.zeros(2)));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' should contain '" + part + "'");
    }
}
