package io.callosum.tensor;

import java.util.Arrays;

/** Static helpers on int[] shapes and strides: validation, numel, broadcasting, dimension wrapping. */
public final class Shape {
    private Shape() {
    }

    /**
     * Product of dimensions, checked against int overflow (storage is indexed by int).
     *
     * @param shape the dimensions
     * @return their product (1 for a scalar's empty shape)
     * @throws IllegalArgumentException if the product exceeds Integer.MAX_VALUE
     */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than " + Integer.MAX_VALUE
                        + " elements; a tensor's elements are indexed by int");
            }
        }
        return (int) n;
    }

    /**
     * Checks a shape from a caller: no negative dimension and at most Integer.MAX_VALUE elements.
     *
     * @param op the op's name, for the message
     * @param shape the dimensions
     * @throws IllegalArgumentException naming op and the shape if it is invalid
     */
    public static void validate(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
        }
        numel(shape);
    }

    /**
     * Row-major (C-order) strides of a shape, in elements: the last dimension has stride 1.
     *
     * @param shape the dimensions
     * @return a new array of strides, e.g. [12, 4, 1] for [2, 3, 4]
     */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /**
     * Wraps a possibly negative dimension index into [0, rank).
     *
     * @param op the op's name, for the message
     * @param dim the dimension, −rank to rank − 1 (−1 and 0 for a scalar)
     * @param rank the tensor's number of dimensions
     * @return dim as a non-negative index
     * @throws IllegalArgumentException naming op if dim is out of range
     */
    public static int wrapDim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " out of range for a tensor of rank " + rank);
        }
        return dim < 0 ? dim + r : dim;
    }

    /**
     * NumPy broadcasting of two shapes; throws naming the op and both shapes.
     *
     * @param op the op's name, for the message
     * @param a one shape
     * @param b the other shape
     * @return the broadcast shape: aligned from the right, each dimension equal or 1
     * @throws IllegalArgumentException if a dimension differs and neither is 1
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * A shape for messages, e.g. {@code [64, 3, 96, 96]}.
     *
     * @param shape the dimensions
     * @return the text
     */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Whether two shapes are the same (no broadcasting).
     *
     * @param a one shape
     * @param b the other
     * @return true if equal in rank and every dimension
     */
    public static boolean equal(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
