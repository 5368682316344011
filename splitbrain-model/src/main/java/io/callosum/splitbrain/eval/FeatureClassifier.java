package io.callosum.splitbrain.eval;

import io.callosum.nn.Module;
import io.callosum.nn.layers.Dropout;
import io.callosum.nn.layers.Linear;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * A baseline's backbone (rotation network, denoising encoder) with a linear head on its globally pooled deepest
 * features, so it can be fine-tuned with the same protocol as a split-brain {@link FineTuner.Classifier}.
 */
public final class FeatureClassifier extends Module {
    private final BackboneFeatures source;
    private final Dropout dropout;
    private final Linear head;

    /** sample: one raw image batch [n, C, H, W] on the source's device, used only to learn the feature width. */
    public FeatureClassifier(BackboneFeatures source, Tensor sample, int classes, Generator g) {
        this.source = source;
        registerModule("backbone", source.module());
        int width;
        try (Grad.Guard ng = Grad.disabled()) {
            source.eval();
            width = deepest(source.features(sample)).size(1);
        }
        this.dropout = registerModule("dropout", new Dropout(FineTuner.DROPOUT, g));
        this.head = registerModule("fc", new Linear(width, classes, g));
    }

    @Override
    public Tensor forward(Tensor images) {
        return head.forward(dropout.forward(Functional.globalAvgPool(deepest(source.features(images)))));
    }

    private static Tensor deepest(List<Tensor> features) {
        return features.get(features.size() - 1);
    }
}
