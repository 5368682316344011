package io.callosum.splitbrain.eval;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Frozen features of a labelled dataset, one matrix [N, D] per probed layer (CPU), with the labels. Each layer's
 * activation is average-pooled to s×s where s is the largest size with C·s² ≤ {@link #MAX_DIMS} (the "about 2–9 k
 * dimensions" of the probe protocol).
 */
public final class FeatureSet {
    /** Largest feature width a layer is kept at; wider layers are average-pooled down to it. */
    public static final int MAX_DIMS = 9216;

    private final List<String> layers;
    private final List<Tensor> features;
    private final int[] labels;

    private FeatureSet(List<String> layers, List<Tensor> features, int[] labels) {
        this.layers = layers;
        this.features = features;
        this.labels = labels;
    }

    /** Computes source's features for every image of data, in batches, on the source's device. */
    public static FeatureSet extract(FeatureSource source, Dataset data, int batchSize, int workers) {
        source.eval();
        List<List<Tensor>> parts = new ArrayList<>();
        for (int i = 0; i < source.layers().size(); i++) parts.add(new ArrayList<>());
        int[] labels = new int[data.size()];
        int at = 0;
        try (Grad.Guard ng = Grad.disabled();
             DataLoader loader = DataLoader.builder(data).batchSize(batchSize).shuffle(false).dropLast(false).workers(workers).build()) {
            for (Batch batch : loader) {
                try (Scope s = Scope.open()) {
                    List<Tensor> acts = source.features(batch.images().to(source.device()));
                    for (int l = 0; l < acts.size(); l++) {
                        Tensor a = acts.get(l);
                        int side = poolSide(a.size(1), Math.min(a.size(2), a.size(3)));
                        Tensor pooled = Functional.adaptiveAvgPool2d(a, side, side).flatten(1, -1).cpu().contiguous();
                        parts.get(l).add(s.keep(pooled));
                    }
                }
                int[] y = batch.labels().toIntArray();
                System.arraycopy(y, 0, labels, at, y.length);
                at += y.length;
            }
        }
        List<Tensor> features = new ArrayList<>();
        for (List<Tensor> p : parts) features.add(Scope.escape(Tensor.cat(p, 0)));
        return new FeatureSet(List.copyOf(source.layers()), features, labels);
    }

    /** Largest s ≤ spatial with channels·s² ≤ MAX_DIMS (at least 1). */
    static int poolSide(int channels, int spatial) {
        int s = Math.max(1, Math.min(spatial, (int) Math.floor(Math.sqrt(MAX_DIMS / (double) channels))));
        while (s > 1 && (long) channels * s * s > MAX_DIMS) s--;
        return s;
    }

    /** Names of the layers, in order. */
    public List<String> layers() {
        return layers;
    }

    /** The features of layer i, [rows, width]. */
    public Tensor layer(int i) {
        return features.get(i);
    }

    /** The label of every row. */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of rows (images). */
    public int size() {
        return labels.length;
    }

    /** The rows at the given indices (for few-shot subsets). */
    public FeatureSet subset(int[] rows) {
        Tensor idx = Tensor.of(rows, rows.length);
        List<Tensor> f = new ArrayList<>();
        for (Tensor t : features) f.add(Scope.escape(t.indexSelect(0, idx)));
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) y[i] = labels[rows[i]];
        return new FeatureSet(layers, f, y);
    }
}
