package io.callosum.nn.data;

import io.callosum.tensor.Tensor;

/**
 * One dataset item: a C×H×W FLOAT32 CPU tensor with values in [0, 1], and its class label (−1 when unlabelled).
 */
public record Example(Tensor image, int label) {
    public static final int UNLABELLED = -1;

    public boolean isLabelled() {
        return label != UNLABELLED;
    }
}
