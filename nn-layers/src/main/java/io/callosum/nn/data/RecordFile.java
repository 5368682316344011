package io.callosum.nn.data;

/**
 * A file made of a fixed-length header followed by fixed-length records (IDX, CIFAR, STL-10 all are). Construction
 * checks the file length against the record geometry, so every later read is in bounds; errors name the file, the
 * first incomplete record and its byte offset.
 */
final class RecordFile {
    final ByteSource source;
    final long headerLength;
    final int recordLength;
    final int count;

    private RecordFile(ByteSource source, long headerLength, int recordLength, int count) {
        this.source = source;
        this.headerLength = headerLength;
        this.recordLength = recordLength;
        this.count = count;
    }

    /** A file whose header declares how many records follow: the length must match exactly. */
    static RecordFile declared(ByteSource source, long headerLength, int recordLength, long declaredCount) {
        long expected = headerLength + declaredCount * recordLength; // both factors were bounded by the caller
        long actual = source.length();
        if (actual < expected) {
            long complete = Math.max(0, (actual - headerLength) / recordLength);
            throw new DatasetFormatException(source.path, complete, headerLength + complete * recordLength,
                    "truncated: the header declares " + declaredCount + " records of " + recordLength + " bytes ("
                            + expected + " bytes in all) but the file holds " + actual + " bytes; this record is incomplete");
        }
        if (actual > expected) {
            throw new DatasetFormatException(source.path, DatasetFormatException.UNKNOWN, expected,
                    "unexpected data after the last of the " + declaredCount + " records the header declares ("
                            + expected + " bytes in all)");
        }
        return new RecordFile(source, headerLength, recordLength, checkedCount(source, declaredCount));
    }

    /** A headerless file holding as many records as fit: its length must be a positive multiple of recordLength. */
    static RecordFile whole(ByteSource source, int recordLength) {
        long actual = source.length();
        long complete = actual / recordLength;
        if (actual == 0) throw new DatasetFormatException(source.path, "the file is empty");
        if (actual % recordLength != 0) {
            throw new DatasetFormatException(source.path, complete, complete * recordLength,
                    "truncated: the file holds " + actual + " bytes, not a multiple of the " + recordLength
                            + "-byte record; this record is incomplete");
        }
        return new RecordFile(source, 0, recordLength, checkedCount(source, complete));
    }

    private static int checkedCount(ByteSource source, long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(source.path, count + " records are more than a dataset index can address");
        }
        return (int) count;
    }

    long offsetOf(int record) {
        return headerLength + (long) record * recordLength;
    }

    void read(int record, int within, byte[] dst, int off, int len) {
        source.read(offsetOf(record) + within, dst, off, len);
    }

    byte[] record(int record) {
        return source.bytes(offsetOf(record), recordLength);
    }

    int u8(int record, int within) {
        return source.u8(offsetOf(record) + within);
    }

    /** A format error at a given record (and the byte offset of field `within` in it). */
    DatasetFormatException error(int record, int within, String problem) {
        return new DatasetFormatException(source.path, record, offsetOf(record) + within, problem);
    }
}
