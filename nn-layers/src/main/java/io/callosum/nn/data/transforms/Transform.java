package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/**
 * A seeded image transform on C×H×W float images. All randomness comes from the generator passed in, so the same
 * generator state gives the same output; the {@link io.callosum.nn.data.DataLoader} hands each example a generator
 * derived from (seed, epoch, index). A transform may modify its input in place and return it, or return a new image.
 */
@FunctionalInterface
public interface Transform {
    /** The transformed image; all randomness comes from gen, so a seeded loader replays it. */
    Image apply(Image image, Generator gen);

    /** This transform, then next, drawing from the same generator. */
    default Transform andThen(Transform next) {
        return Compose.of(this, next);
    }

    /** Applies this transform to a copy of a C×H×W tensor and returns the result as a new CPU tensor. */
    default Tensor apply(Tensor chw, Generator gen) {
        return apply(Image.fromTensor(chw), gen).toTensor();
    }
}
