package io.callosum.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One component of a NumPy/PyTorch-style basic index, for {@link Tensor#index(Index...)}: an integer, a range with a
 * step, {@code ...} or a new axis. Basic indexing never copies, so every result is a view of the indexed tensor.
 *
 * <pre>{@code
 * x.index(Index.all(), Index.range(1, 3))        // x[:, 1:3]
 * x.index(Index.ellipsis(), Index.at(-1))        // x[..., -1]
 * x.index("None, ::2, -1")                       // x[None, ::2, -1]
 * }</pre>
 */
public sealed interface Index {
    /**
     * A single position (negative counts from the end); removes the dimension.
     *
     * @param index the position
     */
    record At(int index) implements Index {
    }

    /**
     * start:stop:step; a null bound is open; bounds are clamped to the dimension like Python slices.
     *
     * @param start the first position, or null for the beginning
     * @param stop the exclusive end, or null for the end
     * @param step the distance between positions, at least 1
     */
    record Range(Integer start, Integer stop, int step) implements Index {
        /**
         * Checks the step.
         *
         * @param start the first position, or null
         * @param stop the exclusive end, or null
         * @param step the distance between positions
         * @throws IllegalArgumentException if step is below 1 (negative steps are not supported, as in PyTorch)
         */
        public Range {
            if (step < 1) throw new IllegalArgumentException("index: a range step must be >= 1 (negative steps are not supported, as in PyTorch), got " + step);
        }
    }

    /** {@code ...}: as many full ranges as needed to cover the dimensions not otherwise indexed. */
    record Ellipsis() implements Index {
    }

    /** {@code None} / {@code np.newaxis}: inserts a dimension of size 1. */
    record NewAxis() implements Index {
    }

    /**
     * A single position, like x[i]; removes the dimension.
     *
     * @param index the position (negative counts from the end)
     * @return the component
     */
    static Index at(int index) {
        return new At(index);
    }

    /**
     * {@code :}
     *
     * @return the whole dimension
     */
    static Index all() {
        return new Range(null, null, 1);
    }

    /**
     * {@code start:stop}
     *
     * @param start the first position (negative counts from the end)
     * @param stop the exclusive end
     * @return the component
     */
    static Index range(int start, int stop) {
        return new Range(start, stop, 1);
    }

    /**
     * {@code start:stop:step}
     *
     * @param start the first position (negative counts from the end)
     * @param stop the exclusive end
     * @param step the distance between positions, at least 1
     * @return the component
     */
    static Index range(int start, int stop, int step) {
        return new Range(start, stop, step);
    }

    /**
     * {@code start:}
     *
     * @param start the first position (negative counts from the end)
     * @return the component
     */
    static Index from(int start) {
        return new Range(start, null, 1);
    }

    /**
     * {@code :stop}
     *
     * @param stop the exclusive end (negative counts from the end)
     * @return the component
     */
    static Index until(int stop) {
        return new Range(null, stop, 1);
    }

    /**
     * {@code ::step}
     *
     * @param step the distance between positions, at least 1
     * @return the component
     */
    static Index every(int step) {
        return new Range(null, null, step);
    }

    /**
     * {@code ...}: full ranges over every dimension not otherwise indexed (at most one per index).
     *
     * @return the component
     */
    static Index ellipsis() {
        return new Ellipsis();
    }

    /**
     * {@code None}: a new dimension of size 1, like x[None] or unsqueeze.
     *
     * @return the component
     */
    static Index newAxis() {
        return new NewAxis();
    }

    /**
     * Parses the text between Python's brackets, e.g. {@code ":, 1:3"}, {@code "..., ::2"}, {@code "None, -1"}.
     * A malformed component is an error naming its position (0-based) and its text.
     *
     * @param spec the comma-separated components
     * @return the components, for {@link Tensor#index(Index...)}
     * @throws IllegalArgumentException if spec is blank or a component is malformed
     */
    static Index[] parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("index: empty index string; use \":\" or \"...\" for everything");
        String[] parts = spec.split(",", -1);
        List<Index> out = new ArrayList<>(parts.length);
        for (int pos = 0; pos < parts.length; pos++) {
            String p = parts[pos].strip();
            if (p.isEmpty()) throw parseError(spec, pos, p, "is empty");
            if (p.equals("...")) out.add(ellipsis());
            else if (p.equals("None") || p.equals("newaxis")) out.add(newAxis());
            else if (p.indexOf(':') >= 0) out.add(parseRange(spec, pos, p));
            else out.add(at(parseInt(spec, pos, p, p)));
        }
        return out.toArray(new Index[0]);
    }

    private static Index parseRange(String spec, int pos, String p) {
        String[] f = p.split(":", -1);
        if (f.length > 3) throw parseError(spec, pos, p, "has more than two ':'");
        Integer start = f[0].isBlank() ? null : parseInt(spec, pos, p, f[0]);
        Integer stop = f[1].isBlank() ? null : parseInt(spec, pos, p, f[1]);
        int step = f.length < 3 || f[2].isBlank() ? 1 : parseInt(spec, pos, p, f[2]);
        if (step < 1) throw parseError(spec, pos, p, "has step " + step + "; steps must be >= 1 (negative steps are not supported, as in PyTorch; use flip)");
        return new Range(start, stop, step);
    }

    private static int parseInt(String spec, int pos, String part, String number) {
        try {
            return Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw parseError(spec, pos, part, "'" + number.strip() + "' is not an integer (expected an int, start:stop:step, ..., or None)");
        }
    }

    private static IllegalArgumentException parseError(String spec, int pos, String part, String what) {
        return new IllegalArgumentException("index \"" + spec + "\": component " + pos + " ('" + part + "') " + what);
    }
}
