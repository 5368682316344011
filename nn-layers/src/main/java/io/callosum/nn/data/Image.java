package io.callosum.nn.data;

import io.callosum.tensor.Backends;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;

import java.util.Arrays;

/**
 * A mutable C×H×W float image on the heap: the form datasets hand to transforms and the loader, so that augmentation
 * runs on plain arrays rather than per-pixel tensor ops. Values are in [0, 1] as read; transforms may move them
 * (normalisation). The layout is channel-major, rows top to bottom, pixels left to right.
 */
public final class Image {
    /** The largest number of values one image may hold (512 MiB of floats): a guard against forged headers. */
    public static final long MAX_VALUES = 1L << 27;

    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    /** Wraps data (not copied) as a channels×height×width image. */
    public Image(int channels, int height, int width, float[] data) {
        long n = checkedSize(channels, height, width);
        if (data.length != n) {
            throw new IllegalArgumentException("Image: " + data.length + " values do not fill " + channels + "×" + height + "×" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    /** A black image, for transforms that draw into a fresh one. */
    public static Image zeros(int channels, int height, int width) {
        return new Image(channels, height, width, new float[(int) checkedSize(channels, height, width)]);
    }

    /** channels·height·width, after checking each is positive and the product is at most {@link #MAX_VALUES}. */
    public static long checkedSize(long channels, long height, long width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Image: dimensions must be positive, got " + channels + "×" + height + "×" + width);
        }
        if (channels > MAX_VALUES || height > MAX_VALUES || width > MAX_VALUES || channels * height * width > MAX_VALUES) {
            throw new IllegalArgumentException("Image: " + channels + "×" + height + "×" + width + " exceeds the limit of "
                    + MAX_VALUES + " values per image");
        }
        return channels * height * width;
    }

    /** A copy of a C×H×W tensor (any device, FLOAT32 or UINT8 read as-is). */
    public static Image fromTensor(Tensor chw) {
        int[] s = chw.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException("Image.fromTensor: expected a C×H×W tensor, got shape " + Arrays.toString(s));
        }
        return new Image(s[0], s[1], s[2], chw.toFloatArray());
    }

    /** A CPU FLOAT32 tensor of shape [C, H, W] sharing this image's array (later writes to either are seen by both). */
    public Tensor toTensor() {
        return TensorInternals.wrap(Backends.cpu().fromFloats(data), channels, height, width);
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Pixels per channel. */
    public int planeSize() {
        return height * width;
    }

    /** The backing array (C×H×W row-major); transforms write to it directly. */
    public float[] data() {
        return data;
    }

    /** Pixel (c, y, x). */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** Sets pixel (c, y, x) to v. */
    public void set(int c, int y, int x, float v) {
        data[(c * height + y) * width + x] = v;
    }

    /** An independent copy, so a transform can modify it without touching the original. */
    public Image copy() {
        return new Image(channels, height, width, data.clone());
    }

    /** [C, H, W]. */
    public int[] shape() {
        return new int[]{channels, height, width};
    }

    /** Whether o has the same channels, height and width (stackable into one batch). */
    public boolean sameShape(Image o) {
        return channels == o.channels && height == o.height && width == o.width;
    }

    @Override
    public String toString() {
        return "Image[" + channels + "×" + height + "×" + width + "]";
    }
}
