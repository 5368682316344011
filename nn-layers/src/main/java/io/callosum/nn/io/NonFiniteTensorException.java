package io.callosum.nn.io;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A checkpoint or weight file holding a NaN or infinite value: loading it would make every later step NaN, so it is
 * refused before anything is changed. Names the tensor, its first bad element and how many there are.
 */
public final class NonFiniteTensorException extends CheckpointException {
    /** Name of the tensor holding non-finite values. */
    private final String tensor;
    /** Flat index of the first non-finite element. */
    private final long index;
    /** The first non-finite value (NaN or an infinity). */
    private final float value;
    /** How many elements are non-finite. */
    private final long count;

    /** NaN or infinity in tensor of file: the first at index with value, count in all. */
    public NonFiniteTensorException(Path file, String tensor, int[] shape, long index, float value, long count) {
        super(file, "tensor '" + tensor + "' " + Arrays.toString(shape) + " holds " + value + " at flat index " + index
                + (count > 1 ? " (" + count + " non-finite values in all)" : "")
                + "; the run that saved it had diverged: resume from an earlier checkpoint");
        this.tensor = tensor;
        this.index = index;
        this.value = value;
        this.count = count;
    }

    /** The tensor's name as stored in the file (e.g. {@code model.0.weight}). */
    public String tensor() {
        return tensor;
    }

    /** The row-major index of the first non-finite element. */
    public long index() {
        return index;
    }

    /** The first non-finite value (NaN or ±Infinity). */
    public float value() {
        return value;
    }

    /** How many of the tensor's elements are not finite. */
    public long count() {
        return count;
    }
}
