package io.callosum.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, independently of the writer under test, to forge valid and broken ones. */
final class RawSafeTensors {
    private RawSafeTensors() {
    }

    /** 8-byte little-endian length of the header as given (no padding added), the header, then the data bytes. */
    static byte[] bytes(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return bytes(h.length, h, data);
    }

    static byte[] bytes(long declaredHeaderLength, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredHeaderLength).put(header).put(data);
        return b.array();
    }

    static Path write(Path file, String header, byte[] data) throws IOException {
        return Files.write(file, bytes(header, data));
    }

    static byte[] littleEndianFloats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    static byte[] littleEndianLongs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    static byte[] littleEndianDoubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    static byte[] littleEndianShorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putShort((short) x);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }
}
