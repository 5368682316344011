package io.callosum.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be read: truncated, a bad header, offsets that do not tile the data, an unsupported
 * dtype. The message names the file, the problem and the byte offset in the file where it was found.
 */
public final class SafeTensorsFormatException extends IOException {
    /** The file that is malformed. */
    private final Path file;
    /** Byte offset of the problem, or -1. */
    private final long offset;

    /** A problem with file at byte offset (-1 when no offset applies). */
    public SafeTensorsFormatException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    /** A problem with file at byte offset, caused by another exception. */
    public SafeTensorsFormatException(Path file, long offset, String problem, Throwable cause) {
        super(file + ": " + problem + (offset >= 0 ? " (at byte " + offset + ")" : ""), cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file that is malformed. */
    public Path file() {
        return file;
    }

    /** Byte offset in the file where the problem was found, or -1 when it concerns the file as a whole. */
    public long offset() {
        return offset;
    }
}
