package io.callosum.nn.data;

import io.callosum.tensor.Tensor;

/**
 * One dataset item: a C×H×W FLOAT32 CPU tensor with values in [0, 1], and its class label (−1 when unlabelled).
 */
public record Example(Tensor image, int label) {
    /** The label of an item without a class (unlabelled splits). */
    public static final int UNLABELLED = -1;

    /** Whether the item has a class label. */
    public boolean isLabelled() {
        return label != UNLABELLED;
    }
}
