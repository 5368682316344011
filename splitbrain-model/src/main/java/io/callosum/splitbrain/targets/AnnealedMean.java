package io.callosum.splitbrain.targets;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/**
 * Decoding for display (colorful colorization's annealed mean): softmax(logits / T) and the expectation over bin
 * centres; T = 0.38 by default.
 */
public final class AnnealedMean {
    private AnnealedMean() {
    }

    /** The softmax temperature of Zhang et al.'s annealed mean: between the mode (0) and the mean (1). */
    public static final double DEFAULT_TEMPERATURE = 0.38;

    /** logits [N, Q, h, w] → values [N, channels, h, w] in target units. */
    public static Tensor decode(Tensor logits, Quantizer q, double temperature) {
        if (logits.dim() != 4 || logits.size(1) != q.classes()) {
            throw new IllegalArgumentException("AnnealedMean: logits must be N×" + q.classes() + "×h×w, got " + Shape.str(logits.shape()));
        }
        if (!(temperature > 0)) throw new IllegalArgumentException("AnnealedMean: temperature must be > 0, got " + temperature);
        int n = logits.size(0), classes = q.classes(), h = logits.size(2), w = logits.size(3), c = q.channels();
        float[][] centres = q.centres();
        float[] flat = new float[classes * c];
        for (int k = 0; k < classes; k++) System.arraycopy(centres[k], 0, flat, k * c, c);
        Tensor probs = Functional.softmax(logits.div(temperature), 1);                 // N, Q, h, w
        Tensor perPos = probs.reshape(n, classes, h * w).transpose(1, 2);             // N, hw, Q
        Tensor values = perPos.matmul(Tensor.of(flat, classes, c).to(logits.device())); // N, hw, c
        return values.transpose(1, 2).reshape(n, c, h, w);
    }
}
