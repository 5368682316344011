package io.callosum.splitbrain.targets;

import io.callosum.tensor.Tensor;

/** Maps pooled target channels [N, c, h, w] to class indices [N, h, w] and back to bin centres for decoding. */
public interface Quantizer {
    /** Number of classes Q the prediction head outputs. */
    int classes();

    /** Number of target channels it encodes (1 or 2). */
    int channels();

    /** INT32 [N, h, w] class per position. */
    Tensor encode(Tensor pooled);

    /** Centre of every class in target units, [Q][channels]. */
    float[][] centres();

    /** A one-line description for reports. */
    String describe();
}
