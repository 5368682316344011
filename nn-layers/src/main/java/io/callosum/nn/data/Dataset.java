package io.callosum.nn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A random-access collection of images with class labels. Implementations are immutable after construction and safe
 * to read from several threads at once (the {@link DataLoader}'s workers do).
 *
 * <p>Readers implement {@link #image(int)} and {@link #label(int)}; {@link #get(int)} wraps them as an {@link Example}.
 * Labels are kept apart from pixels so that label-only work (class counts, stratified few-shot sampling) never decodes
 * an image. As {@link Samples} of {@link Example}s, a dataset can also be batched by a collate function of your own.
 */
public interface Dataset extends Samples<Example> {
    /** Number of items; indices run 0..size−1. */
    @Override
    int size();

    /** Number of classes labels range over (labels are 0..numClasses−1, or −1 for unlabelled items). */
    int numClasses();

    /** A short description for messages and reports, e.g. {@code fashion-mnist train (/usr/share/…)}. */
    @Override
    String name();

    /** A fresh C×H×W image in [0, 1]; the caller owns it and may modify it. */
    Image image(int index);

    /** The label of item index, or {@link Example#UNLABELLED}. Cheap: never decodes pixels. */
    int label(int index);

    /** Item index as an image tensor with its label. */
    @Override
    default Example get(int index) {
        return new Example(image(index).toTensor(), label(index));
    }

    /** Human-readable class names, index = label. Defaults to "0", "1", …. */
    default List<String> classNames() {
        List<String> names = new ArrayList<>(numClasses());
        for (int i = 0; i < numClasses(); i++) names.add(Integer.toString(i));
        return names;
    }

    /** Every label, in index order. */
    default int[] labels() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) out[i] = label(i);
        return out;
    }

    /** How many items carry each label (unlabelled items are not counted). */
    default long[] classCounts() {
        long[] counts = new long[numClasses()];
        for (int i = 0, n = size(); i < n; i++) {
            int l = label(i);
            if (l >= 0) counts[l]++;
        }
        return counts;
    }

    /** Checks index against size() with a message naming this dataset. */
    default void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(name() + ": index " + index + " is outside 0.." + (size() - 1));
        }
    }
}
