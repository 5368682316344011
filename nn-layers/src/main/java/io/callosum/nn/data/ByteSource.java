package io.callosum.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Read-only random access to a dataset file's bytes, safe for concurrent readers. Plain files are memory-mapped (in
 * chunks, so files over 2 GiB such as STL-10's unlabelled split work) and read on demand; bytes already in memory are
 * read where they are, through the same parsing code. Gzip content, which cannot be read at random, is decompressed
 * into memory, growing the buffer only as data actually arrives so that a forged size in a header can never allocate
 * more than the stream really holds.
 */
abstract class ByteSource {
    /** Largest Java array, the ceiling for an in-memory (decompressed) file. */
    static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 8;
    private static final int MAP_CHUNK = 1 << 30;
    private static final int FIRST_BUFFER = 1 << 20;

    final Path path;

    private ByteSource(Path path) {
        this.path = path;
    }

    /** Total bytes (decompressed, for gzip). */
    abstract long length();

    /** Copies len bytes starting at pos; the range must lie inside the source. */
    abstract void read(long pos, byte[] dst, int off, int len);

    /** The unsigned byte at pos, which must lie inside the source. */
    abstract int u8(long pos);

    final byte[] bytes(long pos, int len) {
        byte[] b = new byte[len];
        read(pos, b, 0, len);
        return b;
    }

    final void checkRange(long pos, int len) {
        if (pos < 0 || len < 0 || pos > length() - len) {
            throw new IllegalStateException(path + ": internal read of " + len + " bytes at offset " + pos
                    + " outside the " + length() + " bytes validated at open");
        }
    }

    /** Bytes already in memory (a download, an archive entry, a fuzz input), named path in messages. */
    static ByteSource of(Path path, byte[] data) {
        return new InMemory(path, data, data.length);
    }

    /** Whether the bytes start with gzip's magic number 1f 8b. */
    final boolean isGzip() {
        return length() >= 2 && u8(0) == 0x1f && u8(1) == 0x8b;
    }

    /** All the bytes in order, as a stream (over the mapped or in-memory bytes: no copy). */
    final InputStream stream() {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                return pos < length() ? u8(pos++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) return 0;
                long left = length() - pos;
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                ByteSource.this.read(pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** The content as a stream, decompressed when it is gzip (for reading headers). */
    final InputStream contentStream() throws DatasetFormatException {
        if (!isGzip()) return stream();
        try {
            return new GZIPInputStream(stream());
        } catch (IOException e) { // ZipException or EOFException: the in-memory stream itself cannot fail
            throw new DatasetFormatException(path, DatasetFormatException.UNKNOWN, 0, "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    /**
     * The content for random access, telling gzip from raw by the first two bytes (for formats whose raw files cannot
     * start with 1f 8b, such as IDX): this source when raw; when gzip, its decompression in memory, reading at most
     * expectedLength + 1 bytes (one more to detect trailing data), where expectedLength is what the header promises.
     */
    final ByteSource content(long expectedLength) {
        return isGzip() ? decompress(expectedLength) : this;
    }

    /** Memory-maps path as it is (for headerless formats, whose first bytes are data and cannot be sniffed). */
    static ByteSource map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            int chunks = (int) ((size + MAP_CHUNK - 1) / MAP_CHUNK);
            MappedByteBuffer[] maps = new MappedByteBuffer[chunks];
            for (int i = 0; i < chunks; i++) {
                long start = (long) i * MAP_CHUNK;
                maps[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(MAP_CHUNK, size - start));
            }
            return new Mapped(path, size, maps);
        }
    }

    private ByteSource decompress(long expectedLength) {
        if (expectedLength > MAX_IN_MEMORY) {
            throw new DatasetFormatException(path, "its header promises " + expectedLength + " bytes, but gzip files are "
                    + "decompressed in memory and must stay under 2 GiB: decompress the file and open the raw one");
        }
        long cap = Math.min(expectedLength + 1, MAX_IN_MEMORY);
        byte[] buf = new byte[(int) Math.min(cap, FIRST_BUFFER)];
        int n = 0;
        try (InputStream in = contentStream()) {
            while (true) {
                if (n == buf.length) {
                    if (n >= cap) break;
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * n));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException e) { // corrupt compressed data (ZipException, EOFException): reading the bytes cannot fail
            throw new DatasetFormatException(path, DatasetFormatException.UNKNOWN, n,
                    "corrupt gzip data after " + n + " decompressed bytes: " + e.getMessage(), e);
        }
        return new InMemory(path, buf, n);
    }

    private static final class Mapped extends ByteSource {
        private final long size;
        private final MappedByteBuffer[] maps;

        Mapped(Path path, long size, MappedByteBuffer[] maps) {
            super(path);
            this.size = size;
            this.maps = maps;
        }

        @Override
        long length() {
            return size;
        }

        @Override
        void read(long pos, byte[] dst, int off, int len) {
            checkRange(pos, len);
            while (len > 0) {
                int chunk = (int) (pos / MAP_CHUNK);
                int at = (int) (pos % MAP_CHUNK);
                int n = Math.min(len, maps[chunk].limit() - at);
                maps[chunk].get(at, dst, off, n); // absolute get: no shared position, safe across threads
                pos += n;
                off += n;
                len -= n;
            }
        }

        @Override
        int u8(long pos) {
            checkRange(pos, 1);
            return maps[(int) (pos / MAP_CHUNK)].get((int) (pos % MAP_CHUNK)) & 0xff;
        }
    }

    private static final class InMemory extends ByteSource {
        private final byte[] data;
        private final int size;

        InMemory(Path path, byte[] data, int size) {
            super(path);
            this.data = data;
            this.size = size;
        }

        @Override
        long length() {
            return size;
        }

        @Override
        void read(long pos, byte[] dst, int off, int len) {
            checkRange(pos, len);
            System.arraycopy(data, (int) pos, dst, off, len);
        }

        @Override
        int u8(long pos) {
            checkRange(pos, 1);
            return data[(int) pos] & 0xff;
        }
    }
}
