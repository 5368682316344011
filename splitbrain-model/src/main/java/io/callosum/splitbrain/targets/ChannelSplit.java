package io.callosum.splitbrain.targets;

import io.callosum.tensor.Color;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/**
 * Turns an RGB batch into what the two halves see and predict. In every space channel 0 goes to half A
 * and channels 1–2 to half B: LAB gives A the L channel (predicting ab) and B the ab channels (predicting L); RGB
 * gives A red (predicting green-blue) and B green-blue (predicting red). Inputs are normalised to about [−1, 1]
 * (L/50 − 1, a/110, b/110; 2·rgb − 1). Targets: the predicted channels average-pooled by {@link #POOL} (96 → 12) and
 * quantized; RESCALED_LAB first stretches each image's pooled channels to its own min..max over the full range.
 */
public final class ChannelSplit {
    /** Side of the average-pooling window the targets are computed over. */
    public static final int POOL = 8;

    /** One half: its input channels and the quantizer of the channels it predicts. */
    public record Half(String name, int inputChannels, Quantizer quantizer) {
    }

    /** A prepared batch: normalised inputs, INT32 targets [N, H/8, W/8] and the colour-space image (unnormalised). */
    public record Batch(Tensor inputA, Tensor inputB, Tensor targetA, Tensor targetB, Tensor image) {
    }

    private final ColorSpace space;
    private final Half a, b;
    private final float[] shift, scale;

    private ChannelSplit(ColorSpace space, Half a, Half b, float[] shift, float[] scale) {
        if (shift[1] != shift[2] || scale[1] != scale[2]) { // normalized() relies on it
            throw new IllegalArgumentException("ChannelSplit: the two input channels of half B need one shift and scale");
        }
        this.space = space;
        this.a = a;
        this.b = b;
        this.shift = shift;
        this.scale = scale;
    }

    /** @param gamutAb for Lab spaces, quantize ab into the in-gamut cells instead of the 10×10 grid */
    public static ChannelSplit of(ColorSpace space, boolean gamutAb) {
        if (space.isLab()) {
            Quantizer ab = gamutAb ? GamutQuantizer.instance() : GridQuantizer.ab();
            return new ChannelSplit(space, new Half("L→ab", 1, ab), new Half("ab→L", 2, GridQuantizer.lightness()),
                    new float[]{50, 0, 0}, new float[]{1 / 50f, 1 / 110f, 1 / 110f});
        }
        if (gamutAb) throw new IllegalArgumentException("ChannelSplit: the in-gamut ab option applies to Lab spaces, not " + space.label());
        Quantizer gb = new GridQuantizer(new float[]{0, 0}, new float[]{1, 1}, new int[]{10, 10});
        Quantizer r = new GridQuantizer(new float[]{0}, new float[]{1}, new int[]{100});
        return new ChannelSplit(space, new Half("R→GB", 1, gb), new Half("GB→R", 2, r), new float[]{0.5f, 0.5f, 0.5f}, new float[]{2, 2, 2});
    }

    /** The colour space the image is split in. */
    public ColorSpace space() {
        return space;
    }

    /** The half that sees the first channel group and predicts the second. */
    public Half halfA() {
        return a;
    }

    /** The half that sees the second channel group and predicts the first. */
    public Half halfB() {
        return b;
    }

    /** Validates an RGB batch: N×3×H×W with H and W multiples of {@link #POOL}. */
    public static void checkRgb(String op, Tensor rgb) {
        if (rgb.dim() != 4 || rgb.size(1) != 3) {
            String hint = rgb.dim() == 4 && rgb.size(1) == 1 ? " (a grey image: colour splits need three channels)" : "";
            throw new IllegalArgumentException(op + ": expects an RGB batch N×3×H×W, got " + Shape.str(rgb.shape()) + hint);
        }
        if (rgb.size(2) % POOL != 0 || rgb.size(3) % POOL != 0) {
            throw new IllegalArgumentException(op + ": image size " + rgb.size(2) + "×" + rgb.size(3) + " must be a multiple of " + POOL
                    + " (targets are " + POOL + "×" + POOL + " blocks)");
        }
    }

    /** Converts to the colour space, normalises the inputs and builds the quantized targets. */
    public Batch prepare(Tensor rgb) {
        checkRgb("ChannelSplit.prepare", rgb);
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor image, pooled;
            if (space.isLab()) { // conversion and the 8×8 block means in one pass
                Color.LabPooled lab = Color.rgbToLabPooled(rgb, POOL);
                image = lab.lab();
                pooled = lab.pooled();
            } else {
                image = rgb;
                pooled = Functional.avgPool2d(rgb, POOL);
            }
            if (space == ColorSpace.RESCALED_LAB) pooled = stretch(pooled);
            Tensor targetA = a.quantizer().encode(pooled.narrow(1, 1, 2));
            Tensor targetB = b.quantizer().encode(pooled.narrow(1, 0, 1));
            return new Batch(normalized(image, 0, 1), normalized(image, 1, 2), targetA, targetB, image);
        }
    }

    /**
     * (x − shift)·scale of channels [first, first + count) of the image as a new contiguous tensor; the channels of a
     * half share one shift and scale, so this is a copy of the view and scalar ops in place on it.
     */
    private Tensor normalized(Tensor image, int first, int count) {
        float s = shift[first], k = scale[first];
        Tensor part = image.narrow(1, first, count);
        return s == 0 ? part.mul(k) : part.sub(s).mulInPlace(k);
    }

    /** Per image and channel, maps the pooled min..max onto the channel's full range (L 0..100, a/b −110..110). */
    static Tensor stretch(Tensor pooled) {
        Tensor mn = pooled.min(new int[]{2, 3}, true), mx = pooled.max(new int[]{2, 3}, true);
        Tensor lo = Tensor.of(new float[]{Color.L_MIN, Color.AB_MIN, Color.AB_MIN}, 1, 3, 1, 1).to(pooled.device());
        Tensor hi = Tensor.of(new float[]{Color.L_MAX, Color.AB_MAX, Color.AB_MAX}, 1, 3, 1, 1).to(pooled.device());
        Tensor span = mx.sub(mn).clampMin(1e-3);
        return pooled.sub(mn).div(span).mul(hi.sub(lo)).add(lo);
    }

    /** Undoes the input normalisation of the given channels (0 = L/R, 1–2 = ab/GB). */
    public Tensor denormalize(Tensor x, int firstChannel) {
        int c = x.size(1);
        float[] sh = new float[c], sc = new float[c];
        for (int i = 0; i < c; i++) {
            sh[i] = shift[firstChannel + i];
            sc[i] = 1 / scale[firstChannel + i];
        }
        return x.mul(Tensor.of(sc, 1, c, 1, 1).to(x.device())).add(Tensor.of(sh, 1, c, 1, 1).to(x.device()));
    }
}
