package io.callosum.splitbrain.eval;

import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * A frozen backbone whose intermediate activations are probed: split-brain halves, a randomly initialised network,
 * a rotation network or a denoising autoencoder's encoder all look the same to the evaluation protocols.
 */
public interface FeatureSource {
    /** The method's name, for tables and reports. */
    String name();

    /** Names of the probed layers, shallow to deep. */
    List<String> layers();

    /** Activations [N, C, h, w] at every layer for a batch of raw images [N, C, H, W] in [0, 1] (on the device). */
    List<Tensor> features(Tensor images);

    /** Puts the backbone in eval mode (BN uses running statistics). */
    void eval();

    /** The device features are computed on. */
    Device device();
}
