package io.callosum.splitbrain.baselines;

import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.tensor.Tensor;

/**
 * How baseline networks see an image: colour images as the split's normalised 3-channel input (so every method
 * sees the same colour space), grey images as 2·x − 1.
 */
public final class InputNormalizer {
    private final ChannelSplit split; // null for grey data

    /** Colour images as split's normalised 3-channel input. */
    public InputNormalizer(ChannelSplit split) {
        this.split = split;
    }

    /** Grey images as 2·x − 1. */
    public static InputNormalizer grey() {
        return new InputNormalizer(null);
    }

    /** images as the baseline network sees them. */
    public Tensor apply(Tensor images) {
        if (split == null) return images.mul(2).sub(1);
        ChannelSplit.Batch b = split.prepare(images);
        return Tensor.cat(1, b.inputA(), b.inputB());
    }
}
