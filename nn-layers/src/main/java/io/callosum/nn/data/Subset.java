package io.callosum.nn.data;

import java.util.Arrays;
import java.util.List;

/** A view of some items of another dataset, in the given order (splits, few-shot samples). */
public final class Subset implements Dataset {
    private final Dataset base;
    private final int[] indices;
    private final String name;

    /** The items of base at indices, under name. */
    public Subset(Dataset base, int[] indices, String name) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= base.size()) {
                throw new IndexOutOfBoundsException("Subset of " + base.name() + ": index " + indices[i] + " at position " + i
                        + " is outside 0.." + (base.size() - 1));
            }
        }
        this.base = base;
        this.indices = indices.clone();
        this.name = name;
    }

    /** The items of base at indices, named after base. */
    public Subset(Dataset base, int[] indices) {
        this(base, indices, base.name() + " [" + indices.length + " items]");
    }

    /** Items from (inclusive) to to (exclusive) of base. */
    public static Subset range(Dataset base, int from, int to) {
        if (from < 0 || to > base.size() || from > to) {
            throw new IndexOutOfBoundsException("Subset of " + base.name() + ": range " + from + ".." + to + " is outside 0.." + base.size());
        }
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return new Subset(base, idx, base.name() + " [" + from + ".." + to + ")");
    }

    /** The index in the base dataset of this subset's item i. */
    public int baseIndex(int i) {
        checkIndex(i);
        return indices[i];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public Image image(int index) {
        return base.image(baseIndex(index));
    }

    @Override
    public int label(int index) {
        return base.label(baseIndex(index));
    }
}
