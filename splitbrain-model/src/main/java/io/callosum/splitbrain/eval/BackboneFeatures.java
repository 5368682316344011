package io.callosum.splitbrain.eval;

import io.callosum.nn.Module;
import io.callosum.splitbrain.baselines.InputNormalizer;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.function.Function;

/** Features of a baseline backbone (rotation net, denoising encoder, …) given as a function of normalised input. */
public final class BackboneFeatures implements FeatureSource {
    private final String name;
    private final Module module;
    private final List<String> layers;
    private final Function<Tensor, List<Tensor>> features;
    private final InputNormalizer normalizer;
    private final Device device;

    /** Features named name from module, taken by featuresOf at the given layer names. */
    public BackboneFeatures(String name, Module module, List<String> layers, Function<Tensor, List<Tensor>> features,
                            InputNormalizer normalizer, Device device) {
        this.name = name;
        this.module = module;
        this.layers = List.copyOf(layers);
        this.features = features;
        this.normalizer = normalizer;
        this.device = device;
    }

    @Override public String name() { return name; }
    @Override public List<String> layers() { return layers; }
    @Override public void eval() { module.eval(); }
    @Override public Device device() { return device; }

    /** The network the features come from (trained further when a classifier is fine-tuned on them). */
    public Module module() {
        return module;
    }

    @Override
    public List<Tensor> features(Tensor images) {
        return features.apply(normalizer.apply(images));
    }
}
