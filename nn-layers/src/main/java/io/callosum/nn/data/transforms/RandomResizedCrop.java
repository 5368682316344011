package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/**
 * A random box covering scale ∈ [minScale, maxScale] of the image area with aspect ratio (width/height) log-uniform in
 * [minRatio, maxRatio], resampled bilinearly to the output size — torchvision's {@code RandomResizedCrop}: ten
 * attempts, then a central crop clamped to the ratio range.
 */
public final class RandomResizedCrop implements Transform {
    private static final int ATTEMPTS = 10;

    private final int outHeight;
    private final int outWidth;
    private final double minScale;
    private final double maxScale;
    private final double minRatio;
    private final double maxRatio;

    /** A crop box in pixels. */
    public record Box(int top, int left, int height, int width) {
    }

    /** A crop of a random area fraction and aspect ratio in the given ranges, resized to outHeight×outWidth. */
    public RandomResizedCrop(int outHeight, int outWidth, double minScale, double maxScale, double minRatio, double maxRatio) {
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("RandomResizedCrop: output size " + outHeight + "×" + outWidth + " must be positive");
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("RandomResizedCrop: need 0 < minScale ≤ maxScale ≤ 1, got " + minScale + ".." + maxScale);
        }
        if (!(minRatio > 0 && minRatio <= maxRatio && Double.isFinite(maxRatio))) {
            throw new IllegalArgumentException("RandomResizedCrop: need 0 < minRatio ≤ maxRatio, got " + minRatio + ".." + maxRatio);
        }
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
    }

    /** Square output, scale β..1 and aspect γ..1/γ (γ ≤ 1). */
    public static RandomResizedCrop of(int size, double beta, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("RandomResizedCrop: aspect bound γ must be in (0, 1], got " + gamma);
        return new RandomResizedCrop(size, size, beta, 1, gamma, 1 / gamma);
    }

    /** Chooses the box for an image of height×width (exposed for tests and for applying one box to paired images). */
    public Box chooseBox(int height, int width, Generator gen) {
        double area = (double) height * width;
        double logLo = Math.log(minRatio), logHi = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * gen.nextDouble());
            double ratio = Math.exp(logLo + (logHi - logLo) * gen.nextDouble());
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = gen.nextInt(height - h + 1);
                int left = gen.nextInt(width - w + 1);
                return new Box(top, left, h, w);
            }
        }
        double inRatio = (double) width / height;
        int w = width, h = height;
        if (inRatio < minRatio) h = Math.max(1, (int) Math.round(w / minRatio));
        else if (inRatio > maxRatio) w = Math.max(1, (int) Math.round(h * maxRatio));
        return new Box((height - h) / 2, (width - w) / 2, h, w);
    }

    @Override
    public Image apply(Image image, Generator gen) {
        Box b = chooseBox(image.height(), image.width(), gen);
        return Resampling.crop(image, b.top, b.left, b.height, b.width, outHeight, outWidth);
    }

    @Override
    public String toString() {
        return "RandomResizedCrop(" + outHeight + "×" + outWidth + ", scale " + minScale + ".." + maxScale
                + ", ratio " + minRatio + ".." + maxRatio + ")";
    }
}
