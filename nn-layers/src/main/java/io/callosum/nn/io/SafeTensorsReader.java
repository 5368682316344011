package io.callosum.nn.io;

import io.callosum.nn.io.SafeTensorsHeader.Entry;
import io.callosum.tensor.Backends;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;
import io.callosum.tensor.spi.Backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;

/**
 * Reads a safetensors file into CPU tensors. The length field and header are checked before anything is allocated
 * for them, and each tensor's buffer is allocated only after the header has proved that its byte range lies inside
 * the file. Data is read with positional reads through one bounded direct buffer.
 */
final class SafeTensorsReader {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel in;
    private final long dataStart;
    private final ByteBuffer chunk;

    private SafeTensorsReader(Path file, FileChannel in, long dataStart, long largestTensorBytes) {
        this.file = file;
        this.in = in;
        this.dataStart = dataStart;
        this.chunk = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, (largestTensorBytes + 7) & ~7L)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static SafeTensors.Contents read(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new SafeTensorsFormatException(file, -1, "is a directory, not a safetensors file");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            int lengthBytes = SafeTensorsHeader.LENGTH_FIELD_BYTES;
            if (size < lengthBytes) {
                throw new SafeTensorsFormatException(file, 0, "file is " + size + " bytes, too short for the 8-byte header length");
            }
            ByteBuffer lengthField = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, in, lengthField, 0, "the header length");
            long headerLength = lengthField.flip().getLong(); // unsigned in the format: negative means >= 2^63
            if (headerLength < 0 || headerLength > size - lengthBytes) {
                throw new SafeTensorsFormatException(file, 0, "header length " + Long.toUnsignedString(headerLength)
                        + " is larger than the rest of the file (" + (size - lengthBytes) + " bytes)");
            }
            if (headerLength > SafeTensorsHeader.MAX_HEADER_BYTES) {
                throw new SafeTensorsFormatException(file, 0, "header length " + headerLength + " exceeds the limit of "
                        + SafeTensorsHeader.MAX_HEADER_BYTES + " bytes");
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLength);
            readFully(file, in, json, lengthBytes, "the header");
            long dataStart = lengthBytes + headerLength;
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, json.array(), size - dataStart);
            long largest = 0;
            for (Entry e : header.entries()) largest = Math.max(largest, e.byteLength());
            SafeTensorsReader reader = new SafeTensorsReader(file, in, dataStart, largest);
            return new SafeTensors.Contents(reader.tensors(header), header.metadata());
        }
    }

    private LinkedHashMap<String, Tensor> tensors(SafeTensorsHeader header) throws IOException {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        try {
            for (Entry e : header.entries()) out.put(e.name(), tensor(e));
            return out;
        } catch (IOException | RuntimeException failure) {
            out.values().forEach(Tensor::close);
            throw failure;
        }
    }

    private Tensor tensor(Entry e) throws IOException {
        Backend cpu = Backends.cpu();
        int n = e.numel();
        return switch (e.dtype()) {
            case F32 -> {
                float[] a = new float[n];
                region(e, (buf, from, count) -> buf.asFloatBuffer().get(a, from, count));
                yield TensorInternals.wrap(cpu.fromFloats(a), e.shape());
            }
            case F64 -> {
                float[] a = new float[n];
                region(e, (buf, from, count) -> {
                    DoubleBuffer d = buf.asDoubleBuffer();
                    for (int i = 0; i < count; i++) a[from + i] = (float) d.get(i);
                });
                yield TensorInternals.wrap(cpu.fromFloats(a), e.shape());
            }
            case F16 -> {
                float[] a = new float[n];
                region(e, (buf, from, count) -> {
                    ShortBuffer h = buf.asShortBuffer();
                    for (int i = 0; i < count; i++) a[from + i] = HalfFloats.f16ToFloat(h.get(i));
                });
                yield TensorInternals.wrap(cpu.fromFloats(a), e.shape());
            }
            case BF16 -> {
                float[] a = new float[n];
                region(e, (buf, from, count) -> {
                    ShortBuffer h = buf.asShortBuffer();
                    for (int i = 0; i < count; i++) a[from + i] = HalfFloats.bf16ToFloat(h.get(i));
                });
                yield TensorInternals.wrap(cpu.fromFloats(a), e.shape());
            }
            case I32 -> {
                int[] a = new int[n];
                region(e, (buf, from, count) -> buf.asIntBuffer().get(a, from, count));
                yield TensorInternals.wrap(cpu.fromInts(a), e.shape());
            }
            case I64 -> {
                int[] a = new int[n];
                region(e, (buf, from, count) -> narrow(e, buf.asLongBuffer(), a, from, count));
                yield TensorInternals.wrap(cpu.fromInts(a), e.shape());
            }
            case U8 -> {
                byte[] a = new byte[n];
                region(e, (buf, from, count) -> buf.get(a, from, count));
                yield TensorInternals.wrap(cpu.fromBytes(a), e.shape());
            }
        };
    }

    /** int64 → int32 (callosum's integer type), refusing values that do not fit rather than wrapping them. */
    private void narrow(Entry e, LongBuffer src, int[] dst, int from, int count) throws SafeTensorsFormatException {
        for (int i = 0; i < count; i++) {
            long v = src.get(i);
            if (v != (int) v) {
                throw new SafeTensorsFormatException(file, dataStart + e.begin() + 8L * (from + i), "tensor '" + e.name()
                        + "': I64 element " + (from + i) + " = " + v + " does not fit in int32");
            }
            dst[from + i] = (int) v;
        }
    }

    private interface Sink {
        /** Consumes {@code count} elements starting at element {@code from}, laid out little-endian from buf's position 0. */
        void accept(ByteBuffer buf, int from, int count) throws IOException;
    }

    private void region(Entry e, Sink sink) throws IOException {
        int item = e.dtype().itemSize;
        long pos = dataStart + e.begin(), remaining = e.byteLength();
        int element = 0;
        while (remaining > 0) {
            int want = (int) Math.min(chunk.capacity(), remaining); // the capacity is a multiple of 8, so of every item size
            chunk.clear().limit(want);
            readFully(file, in, chunk, pos, "tensor '" + e.name() + "'");
            chunk.flip();
            sink.accept(chunk, element, want / item);
            element += want / item;
            pos += want;
            remaining -= want;
        }
    }

    private static void readFully(Path file, FileChannel in, ByteBuffer buf, long position, String what) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = in.read(buf, at);
            if (n < 0) {
                throw new SafeTensorsFormatException(file, at, "file ended while reading " + what + " (was it changed while being read?)");
            }
            at += n;
        }
    }
}
