package io.callosum.nn.io;

import io.callosum.nn.io.SafeTensorsHeader.Entry;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays tensors out in a safetensors file (in map order, back to back) and streams header and data to a channel.
 * Planning checks every argument before a byte is written; writing copies each tensor to the host once and
 * converts it to little-endian through a bounded direct buffer.
 */
final class SafeTensorsWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensorsWriter() {
    }

    /** The header and the tensors in data order, checked and ready to write. */
    record Plan(byte[] header, List<Entry> entries, List<Tensor> tensors) {
        long dataBytes() {
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
        }
    }

    static Plan plan(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null) throw new IllegalArgumentException("SafeTensors.write(" + file + "): the tensor map is null");
        List<Entry> entries = new ArrayList<>();
        List<Tensor> data = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write(" + file + "): invalid tensor name " + (name == null ? "null" : "'" + name + "' (reserved)"));
            }
            if (t == null) throw new IllegalArgumentException("SafeTensors.write(" + file + "): tensor '" + name + "' is null");
            if (t.isClosed()) throw new IllegalArgumentException("SafeTensors.write(" + file + "): tensor '" + name + "' was closed");
            SafeDType dtype = SafeDType.of(t.dtype());
            long end = offset + (long) t.numel() * dtype.itemSize;
            entries.add(new Entry(name, dtype, t.shape(), offset, end));
            data.add(t);
            offset = end;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("SafeTensors.write(" + file + "): metadata entries must be non-null, got " + k + " = " + v);
                }
                meta.put(k, v);
            });
        }
        return new Plan(SafeTensorsHeader.encode(entries, meta), entries, data);
    }

    static void write(WritableByteChannel out, Plan plan) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(SafeTensorsHeader.LENGTH_FIELD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        length.putLong(plan.header().length).flip();
        writeFully(out, length);
        writeFully(out, ByteBuffer.wrap(plan.header()));
        long largest = 0;
        for (Entry e : plan.entries()) largest = Math.max(largest, e.byteLength());
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, (largest + 7) & ~7L)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < plan.tensors().size(); i++) writeTensor(out, plan.tensors().get(i), chunk);
    }

    private static void writeTensor(WritableByteChannel out, Tensor t, ByteBuffer chunk) throws IOException {
        switch (t.dtype()) {
            case FLOAT32 -> {
                float[] a = t.toFloatArray();
                stream(out, chunk, a.length, Float.BYTES, (buf, from, n) -> buf.asFloatBuffer().put(a, from, n));
            }
            case INT32 -> {
                int[] a = t.toIntArray();
                stream(out, chunk, a.length, Integer.BYTES, (buf, from, n) -> buf.asIntBuffer().put(a, from, n));
            }
            case UINT8 -> writeFully(out, ByteBuffer.wrap(t.toByteArray()));
        }
    }

    private interface Fill {
        /** Puts elements [from, from + n) at the start of buf (little-endian). */
        void fill(ByteBuffer buf, int from, int n);
    }

    private static void stream(WritableByteChannel out, ByteBuffer chunk, int numel, int itemSize, Fill fill) throws IOException {
        int perChunk = chunk.capacity() / itemSize;
        for (int from = 0; from < numel; from += perChunk) {
            int n = Math.min(perChunk, numel - from);
            chunk.clear();
            fill.fill(chunk, from, n);
            chunk.limit(n * itemSize);
            writeFully(out, chunk);
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) out.write(buf);
    }
}
