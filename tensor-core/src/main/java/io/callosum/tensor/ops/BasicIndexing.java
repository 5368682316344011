package io.callosum.tensor.ops;

import io.callosum.tensor.Index;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/** Applies a basic index (ints, ranges, ..., new axes) as a chain of views: select, slice and unsqueeze. */
public final class BasicIndexing {
    private BasicIndexing() {
    }

    /** {@link Tensor#index(Index...)}: x indexed component by component; at most one ellipsis, no more ints and ranges than x has dimensions. */
    public static Tensor index(Tensor x, Index... spec) {
        x.checkOpen("index");
        int consumed = 0, ellipses = 0;
        for (Index ix : spec) {
            if (ix == null) throw new IllegalArgumentException("index: null component in " + describe(spec));
            if (ix instanceof Index.At || ix instanceof Index.Range) consumed++;
            if (ix instanceof Index.Ellipsis) ellipses++;
        }
        if (ellipses > 1) throw new IllegalArgumentException("index: at most one '...' is allowed, got " + ellipses + " in " + describe(spec));
        if (consumed > x.dim()) {
            throw new IllegalArgumentException("index: " + consumed + " indexed dimensions for tensor " + Shape.str(x.shape())
                    + " of rank " + x.dim() + " in " + describe(spec));
        }
        Tensor t = x;
        int d = 0; // the next dimension of t to index
        int source = 0; // the dimension of x it came from, for messages
        for (int pos = 0; pos < spec.length; pos++) {
            Index ix = spec[pos];
            if (ix instanceof Index.Ellipsis) {
                int skip = x.dim() - consumed;
                d += skip;
                source += skip;
            } else if (ix instanceof Index.NewAxis) {
                t = t.unsqueeze(d++);
            } else if (ix instanceof Index.At at) {
                int size = t.size(d);
                int i = at.index() < 0 ? at.index() + size : at.index();
                if (i < 0 || i >= size) {
                    throw new IllegalArgumentException("index: component " + pos + " (" + at.index() + ") is out of range for dimension "
                            + source + " of size " + size + " in " + Shape.str(x.shape()));
                }
                t = t.select(d, i);
                source++;
            } else if (ix instanceof Index.Range r) {
                int size = t.size(d);
                int start = clamp(r.start(), 0, size);
                int stop = Math.max(start, clamp(r.stop(), size, size));
                t = (start == 0 && stop == size && r.step() == 1) ? t : t.slice(d, start, stop, r.step());
                d++;
                source++;
            }
        }
        return t;
    }

    /** Python's slice-bound rule: negative counts from the end, then clamped into [0, size]. */
    private static int clamp(Integer bound, int open, int size) {
        if (bound == null) return open;
        int b = bound < 0 ? bound + size : bound;
        return Math.max(0, Math.min(size, b));
    }

    private static String describe(Index[] spec) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < spec.length; i++) {
            if (i > 0) sb.append(", ");
            Index ix = spec[i];
            if (ix instanceof Index.At at) sb.append(at.index());
            else if (ix instanceof Index.Range r) {
                sb.append(r.start() == null ? "" : r.start()).append(':').append(r.stop() == null ? "" : r.stop());
                if (r.step() != 1) sb.append(':').append(r.step());
            } else if (ix instanceof Index.Ellipsis) sb.append("...");
            else if (ix instanceof Index.NewAxis) sb.append("None");
            else sb.append("null");
        }
        return sb.append(']').toString();
    }
}
