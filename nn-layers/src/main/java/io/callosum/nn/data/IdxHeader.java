package io.callosum.nn.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The header of an IDX file (the MNIST format): two zero bytes, an element type code, the number of dimensions, then
 * each dimension as a big-endian int32. Only unsigned-byte elements (type 0x08) are read.
 */
record IdxHeader(Path file, int type, int[] dims) {
    static final int UNSIGNED_BYTE = 0x08;

    int length() {
        return 4 + 4 * dims.length;
    }

    /** Reads and checks the header: unsigned bytes with the expected number of dimensions, each non-negative. */
    static IdxHeader read(ByteSource source, int expectedDims) throws IOException {
        Path file = source.path;
        try (InputStream in = source.contentStream()) {
            byte[] magic = readFully(in, file, 0, 4);
            int m = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
            if (m != expectedMagic) {
                throw new DatasetFormatException(file, DatasetFormatException.UNKNOWN, 0, String.format(
                        "wrong magic number 0x%08X: expected 0x%08X (an IDX file of unsigned bytes with %d dimension%s)",
                        m, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s"));
            }
            byte[] d = readFully(in, file, 4, 4 * expectedDims);
            int[] dims = new int[expectedDims];
            for (int i = 0; i < expectedDims; i++) {
                int at = 4 * i;
                dims[i] = ((d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
                if (dims[i] < 0) {
                    throw new DatasetFormatException(file, DatasetFormatException.UNKNOWN, 4 + at,
                            "dimension " + i + " is " + Integer.toUnsignedString(dims[i]) + ", beyond what an index can address");
                }
            }
            return new IdxHeader(file, UNSIGNED_BYTE, dims);
        }
    }

    private static byte[] readFully(InputStream in, Path file, long offset, int n) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (ZipException | EOFException e) { // corrupt compressed data; other I/O failures propagate as they are
            throw new DatasetFormatException(file, DatasetFormatException.UNKNOWN, offset, "corrupt gzip data in the header: " + e.getMessage(), e);
        }
        if (b.length < n) {
            throw new DatasetFormatException(file, DatasetFormatException.UNKNOWN, offset + b.length,
                    "truncated header: the file ends after " + (offset + b.length) + " bytes");
        }
        return b;
    }

    @Override
    public String toString() {
        return "IDX " + Arrays.toString(dims);
    }
}
