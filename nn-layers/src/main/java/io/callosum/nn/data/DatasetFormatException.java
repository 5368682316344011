package io.callosum.nn.data;

import java.nio.file.Path;

/**
 * A dataset file whose content is not what its format promises: wrong magic number, sizes that disagree with the file
 * length, a label out of range, an image of the wrong size or one that cannot be decoded. The message names the file
 * and, where one applies, the record index and byte offset; both are also available as fields.
 *
 * <p>Readers throw only this (for bad content) and {@link java.io.IOException} (for a file that cannot be read at
 * all), whatever the input.
 */
public class DatasetFormatException extends RuntimeException {
    /** The value of {@link #offset()} and {@link #record()} when they do not apply. */
    public static final long UNKNOWN = -1;

    private final transient Path file;
    /** The record (0-based) that is malformed, or -1 for the file as a whole. */
    private final long record;
    /** The byte offset of the problem in the file, or -1. */
    private final long offset;
    /** What is wrong, without the file and position. */
    private final String problem;

    /** A malformed record of file, at a byte offset, caused by another exception. */
    public DatasetFormatException(Path file, long record, long offset, String problem, Throwable cause) {
        super(describe(file, record, offset, problem), cause);
        this.problem = problem;
        this.file = file;
        this.record = record;
        this.offset = offset;
    }

    /** A malformed record of file, at a byte offset. */
    public DatasetFormatException(Path file, long record, long offset, String problem) {
        this(file, record, offset, problem, null);
    }

    /** A problem with the file as a whole (no particular record or offset). */
    public DatasetFormatException(Path file, String problem) {
        this(file, UNKNOWN, UNKNOWN, problem, null);
    }

    private static String describe(Path file, long record, long offset, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (record >= 0) sb.append(": record ").append(record);
        if (offset >= 0) sb.append(record >= 0 ? " at" : ":").append(" byte offset ").append(offset);
        return sb.append(": ").append(problem).toString();
    }

    /** The file that is malformed. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file, record and offset the message starts with. */
    public String problem() {
        return problem;
    }

    /** The record (image) index the problem was found in, or {@link #UNKNOWN}. */
    public long record() {
        return record;
    }

    /** The byte offset in the (decompressed) file, or {@link #UNKNOWN}. */
    public long offset() {
        return offset;
    }
}
