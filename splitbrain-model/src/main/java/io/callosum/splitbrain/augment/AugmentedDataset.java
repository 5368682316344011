package io.callosum.splitbrain.augment;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Example;
import io.callosum.nn.data.Image;
import io.callosum.nn.data.transforms.Transform;
import io.callosum.tensor.Generator;

/**
 * A few source images presented as a larger unlabelled set: item i is source image i mod n under the transform,
 * drawn from a generator seeded by (seed, i), so a run with as many items as the full set trains as many steps on
 * as many distinct views, and the same seed gives the same views.
 */
public final class AugmentedDataset implements Dataset {
    private final Dataset source;
    private final int sources;
    private final int size;
    private final Transform transform;
    private final long seed;

    /** The first {@code sources} images of source, presented {@code size} times in all. */
    public AugmentedDataset(Dataset source, int sources, int size, Transform transform, long seed) {
        if (sources < 1 || sources > source.size()) {
            throw new IllegalArgumentException("AugmentedDataset: " + sources + " source images asked of " + source.name() + ", which holds " + source.size());
        }
        if (size < sources) throw new IllegalArgumentException("AugmentedDataset: size " + size + " is below the " + sources + " source images");
        this.source = source;
        this.sources = sources;
        this.size = size;
        this.transform = transform;
        this.seed = seed;
    }

    @Override public int size() { return size; }
    @Override public int numClasses() { return source.numClasses(); }
    @Override public String name() { return sources + " image(s) of " + source.name() + ", augmented to " + size; }

    @Override
    public Image image(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("AugmentedDataset: index " + index + " outside [0, " + size + ")");
        return transform.apply(source.image(index % sources), new Generator(seed * 1_000_003L + index));
    }

    @Override
    public int label(int index) {
        return Example.UNLABELLED;
    }

    /** Which source image item index shows. */
    public int sourceOf(int index) {
        return index % sources;
    }
}
