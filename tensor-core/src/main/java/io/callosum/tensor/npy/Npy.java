package io.callosum.tensor.npy;

import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes NumPy's {@code .npy} format, the file NumPy users exchange arrays in ({@code np.save}/{@code np.load}).
 *
 * <p>Read: float32 ({@code f4}) → FLOAT32, float64 ({@code f8}, NumPy's default) → FLOAT64, int32 ({@code i4}) →
 * INT32, uint8 ({@code u1}) and bool ({@code b1}) → UINT8, either byte order, C or Fortran order (Fortran data is
 * transposed into a row-major tensor), format 1.0–3.0; nothing is converted on the way ({@link #readAsFloat32} rounds
 * float64 to float32 for those who want the fast type at once). Write: FLOAT32, FLOAT64, INT32 and UINT8 as
 * little-endian C-order, version 1.0 (2.0 for very long headers), and a UINT8 mask as bool with {@link #writeBool}.
 */
public final class Npy {
    private Npy() {
    }

    /**
     * Reads a {@code .npy} file (np.save's output) into a CPU tensor of the matching dtype, like np.load.
     *
     * @param file the file to read
     * @return a new contiguous CPU tensor of the stored shape
     * @throws IllegalArgumentException if the file is not valid .npy, is truncated, or holds float64 or another
     *   unsupported dtype
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Tensor read(Path file) {
        return decode(readAll(file), file.toString(), false);
    }

    /**
     * Like {@link #read}, but float64 data is rounded to FLOAT32 (the only lossy conversion this class makes).
     *
     * @param file the file to read
     * @return a new contiguous CPU tensor of the stored shape
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Tensor readAsFloat32(Path file) {
        return decode(readAll(file), file.toString(), true);
    }

    /**
     * Writes a tensor as a {@code .npy} file, like np.save; the file is replaced if it exists.
     *
     * @param file the file to write
     * @param t a FLOAT32, FLOAT64, INT32 or UINT8 tensor on any device; its values are copied, never its graph
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Tensor t) {
        writeAll(file, encode(t, false));
    }

    /**
     * Writes a UINT8 tensor of 0s and 1s as NumPy bool; any other value is an error naming its position.
     *
     * @param file the file to write
     * @param mask a UINT8 tensor of 0s and 1s
     * @throws IllegalArgumentException if mask is not UINT8 or holds another value
     */
    public static void writeBool(Path file, Tensor mask) {
        writeAll(file, encode(mask, true));
    }

    /**
     * The .npy bytes of a file's contents; source names it in errors.
     *
     * @param bytes the whole .npy content
     * @param source a name for the bytes in messages, e.g. the file or archive entry
     * @param float64ToFloat32 round float64 data to FLOAT32 instead of refusing it
     * @return a new contiguous CPU tensor
     * @throws IllegalArgumentException if the bytes are not valid .npy or hold an unsupported dtype
     */
    public static Tensor decode(byte[] bytes, String source, boolean float64ToFloat32) {
        NpyHeader h = NpyHeader.parse(bytes, source);
        int n = (int) h.numel();
        long need = (long) n * h.itemBytes();
        if (bytes.length - h.dataOffset() < need) {
            throw new IllegalArgumentException("npy: " + source + " shape " + Shape.str(h.shape()) + " of " + h.code() + " needs " + need
                    + " data bytes but the file holds " + (bytes.length - h.dataOffset()));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, h.dataOffset(), (int) need).slice().order(h.order());
        int[] stored = h.fortranOrder() ? reversed(h.shape()) : h.shape();
        Tensor t = switch (h.code()) {
            case "f4" -> {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                yield Tensor.of(v, stored);
            }
            case "f8" -> {
                double[] d = new double[n];
                buf.asDoubleBuffer().get(d);
                if (!float64ToFloat32) yield Tensor.of(d, stored);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) d[i];
                yield Tensor.of(v, stored);
            }
            case "i4" -> {
                int[] v = new int[n];
                buf.asIntBuffer().get(v);
                yield Tensor.of(v, stored);
            }
            case "u1", "b1" -> {
                byte[] v = new byte[n];
                buf.get(v);
                yield Tensor.ofBytes(v, stored);
            }
            default -> throw new IllegalArgumentException("npy: " + source + " holds dtype '" + h.code()
                    + "'; supported are float32 (f4), float64 (f8), int32 (i4), uint8 (u1) and bool (b1)");
        };
        if (!h.fortranOrder() || t.dim() < 2) return t;
        int[] back = new int[t.dim()];
        for (int i = 0; i < back.length; i++) back[i] = back.length - 1 - i;
        try (Tensor f = t) {
            return f.permute(back).contiguous();
        }
    }

    /**
     * The .npy bytes of a tensor (any device; it is copied to the CPU, never with its graph).
     *
     * @param t a FLOAT32, FLOAT64, INT32 or UINT8 tensor
     * @param asBool write a UINT8 tensor of 0s and 1s as NumPy bool
     * @return the .npy bytes
     */
    public static byte[] encode(Tensor t, boolean asBool) {
        t.checkOpen("npy");
        String descr;
        byte[] data;
        try (Grad.Guard ng = Grad.disabled()) {
            switch (t.dtype()) {
                case FLOAT32 -> {
                    if (asBool) throw notMask(t);
                    descr = "<f4";
                    float[] v = t.toFloatArray();
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(v);
                    data = b.array();
                }
                case FLOAT64 -> {
                    if (asBool) throw notMask(t);
                    descr = "<f8";
                    double[] v = t.toDoubleArray();
                    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    b.asDoubleBuffer().put(v);
                    data = b.array();
                }
                case INT32 -> {
                    if (asBool) throw notMask(t);
                    descr = "<i4";
                    int[] v = t.toIntArray();
                    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.asIntBuffer().put(v);
                    data = b.array();
                }
                case UINT8 -> {
                    descr = asBool ? "|b1" : "|u1";
                    data = t.toByteArray();
                    if (asBool) {
                        for (int i = 0; i < data.length; i++) {
                            if (data[i] != 0 && data[i] != 1) {
                                throw new IllegalArgumentException("npy: writeBool: element " + i + " of " + t.describe() + " is " + (data[i] & 0xFF) + ", not 0 or 1");
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("npy: cannot write dtype " + t.dtype());
            }
        }
        byte[] header = NpyHeader.encode(descr, t.shape());
        byte[] out = new byte[header.length + data.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(data, 0, out, header.length, data.length);
        return out;
    }

    private static IllegalArgumentException notMask(Tensor t) {
        return new IllegalArgumentException("npy: writeBool needs a UINT8 mask of 0s and 1s, got " + t.describe() + "; compare it (e.g. t.ne(0)) first");
    }

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[s.length - 1 - i];
        return r;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("npy: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAll(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("npy: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
