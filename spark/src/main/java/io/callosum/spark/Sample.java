package io.callosum.spark;

import io.callosum.nn.data.Image;

import java.io.Serializable;

/**
 * One decoded training image as Spark ships and caches it: C×H×W floats in [0, 1] and a label (−1 when unlabelled).
 * Plain arrays so that Java serialisation (Spark's default) carries it without callosum tensors, which own memory.
 *
 * @param pixels   the C×H×W values in [0, 1], channel-major
 * @param channels C
 * @param height   H
 * @param width    W
 * @param label    the class, or −1 when unlabelled
 * @serial exclude
 */
public record Sample(float[] pixels, int channels, int height, int width, int label) implements Serializable {
    /** Rejects a pixel count that is not channels × height × width. */
    public Sample {
        if ((long) channels * height * width != pixels.length) {
            throw new IllegalArgumentException("Sample: " + pixels.length + " values for a " + channels + "×" + height + "×" + width + " image");
        }
    }

    /** The decoded {@code image}'s pixels with {@code label}, as Spark carries them. */
    public static Sample of(Image image, int label) {
        return new Sample(image.data(), image.channels(), image.height(), image.width(), label);
    }

    /** {C, H, W}, the shape of the image tensor a replica builds from it. */
    public int[] shape() {
        return new int[]{channels, height, width};
    }
}
