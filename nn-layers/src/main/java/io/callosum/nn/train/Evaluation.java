package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.Batch;
import io.callosum.nn.data.BatchSource;
import io.callosum.nn.metrics.TopKAccuracy;
import io.callosum.tensor.Device;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Top-k accuracies of a classifier over a labelled batch source: the project's one evaluation path (eval mode, no
 * gradients, each batch's tensors freed at once), scored by {@link TopKAccuracy}.
 */
public final class Evaluation {
    private final List<TopKAccuracy> accuracies;

    private Evaluation(List<TopKAccuracy> accuracies) {
        this.accuracies = accuracies;
    }

    /**
     * Scores model(inputs) against the labels of epoch 0 of data, for each k. The model is in eval mode meanwhile
     * (BN running statistics, no dropout) and back in its previous mode afterwards.
     */
    public static Evaluation of(Module model, BatchSource data, Device device, int... ks) {
        if (ks.length == 0) throw new IllegalArgumentException("Evaluation: no k given (e.g. 1, 5)");
        List<TopKAccuracy> acc = Arrays.stream(ks).mapToObj(TopKAccuracy::new).toList();
        boolean training = model.isTraining();
        model.eval();
        try (Grad.Guard ng = Grad.disabled()) {
            for (Batch batch : data.epoch(0)) {
                try (Scope s = Scope.open(); batch) {
                    Tensor logits = model.forward(batch.images().to(device));
                    if (logits.dim() != 2) {
                        throw new IllegalArgumentException("Evaluation: the model gave outputs of shape " + Arrays.toString(logits.shape())
                                + ", not logits [N, C]");
                    }
                    float[] values = logits.toFloatArray();
                    int[] labels = batch.labels().toIntArray();
                    for (TopKAccuracy a : acc) a.update(values, logits.size(1), labels);
                }
            }
        } finally {
            model.train(training);
        }
        return new Evaluation(acc);
    }

    /** Examples scored. */
    public long total() {
        return accuracies.get(0).total();
    }

    /** Examples whose label is among the k highest logits; k must be one of those evaluated. */
    public long correct(int k) {
        return accuracy(k).correct();
    }

    /** The fraction correct at k (NaN for an empty source). */
    public double top(int k) {
        return accuracy(k).value();
    }

    private TopKAccuracy accuracy(int k) {
        for (TopKAccuracy a : accuracies) if (a.k() == k) return a;
        throw new IllegalArgumentException("Evaluation: top-" + k + " was not evaluated; have k = "
                + accuracies.stream().map(a -> Integer.toString(a.k())).toList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Evaluation(");
        for (TopKAccuracy a : accuracies) sb.append(sb.length() > 11 ? ", " : "").append(a);
        return sb.append(')').toString();
    }
}
