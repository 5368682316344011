package io.callosum.splitbrain.data;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Image;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic colour set: {@code size} procedurally drawn scenes generated on the fly from a seed, no
 * files. Different seeds give disjoint-looking sets (use one seed for pretraining, others for labelled train/test).
 */
public final class SyntheticColorDataset implements Dataset {
    private final SceneRenderer renderer;
    private final int size;
    private final long seed;
    private final boolean labelled;

    /**
     * @param labelled false presents the items as unlabelled (label −1), as pretraining sees them
     */
    public SyntheticColorDataset(int size, int imageSize, int classes, long seed, boolean labelled) {
        if (size < 0) throw new IllegalArgumentException("SyntheticColorDataset: size must be >= 0, got " + size);
        this.renderer = new SceneRenderer(imageSize, classes);
        this.size = size;
        this.seed = seed;
        this.labelled = labelled;
    }

    /** 96×96 images, 10 classes. */
    public static SyntheticColorDataset standard(int size, long seed, boolean labelled) {
        return new SyntheticColorDataset(size, 96, 10, seed, labelled);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int numClasses() {
        return renderer.classes();
    }

    @Override
    public String name() {
        return "synthetic-colour (" + size + " × " + renderer.size() + "², " + renderer.classes() + " classes, seed " + seed + ")";
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        int s = renderer.size();
        float[] px = new float[3 * s * s];
        renderer.render(seed, index, px, 0);
        return new Image(3, s, s, px);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labelled ? renderer.label(seed, index) : -1;
    }

    @Override
    public List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < renderer.classes(); c++) names.add(SceneRenderer.ShapeKind.values()[c].name().toLowerCase(java.util.Locale.ROOT));
        return names;
    }
}
