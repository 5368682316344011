package io.callosum.splitbrain.augment;

import io.callosum.nn.data.transforms.ColorJitter;
import io.callosum.nn.data.transforms.Compose;
import io.callosum.nn.data.transforms.HorizontalFlip;
import io.callosum.nn.data.transforms.RandomResizedCrop;
import io.callosum.nn.data.transforms.Rotation;
import io.callosum.nn.data.transforms.Transform;

/**
 * The heavy augmentation of the critical analysis of self-supervision, which lets one image stand in for a data set:
 * crops covering a fraction β ≤ wh/WH ≤ 1 of the image (β = 0.0001) with aspect γ ≤ h/w ≤ 1/γ (γ = 0.75), resized to
 * the output size; rotation by up to ±35°; horizontal flips with p = 0.5; linear colour and intensity changes
 * (brightness, contrast and saturation factors in [0.6, 1.4]).
 */
public final class CriticalAugmentation {
    /** Smallest fraction of the image a random crop keeps. */
    public static final double MIN_AREA = 0.0001;
    /** Largest aspect-ratio change of the random crop (as a log-ratio bound). */
    public static final double ASPECT = 0.75;
    /** Largest rotation, in degrees, either way. */
    public static final double MAX_DEGREES = 35;
    /** Probability of a horizontal flip. */
    public static final double FLIP_P = 0.5;
    /** Strength of the colour jitter. */
    public static final double COLOUR_STRENGTH = 0.4;

    private CriticalAugmentation() {
    }

    /** The whole chain for output images of the given size. */
    public static Transform of(int height, int width) {
        return Compose.of(new RandomResizedCrop(height, width, MIN_AREA, 1, ASPECT, 1 / ASPECT), Rotation.random(MAX_DEGREES, 0f),
                new HorizontalFlip(FLIP_P), new ColorJitter(COLOUR_STRENGTH, COLOUR_STRENGTH, COLOUR_STRENGTH));
    }
}
