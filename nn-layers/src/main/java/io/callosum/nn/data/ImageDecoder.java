package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Resampling;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes one PNG/JPEG (anything ImageIO reads) to a C×H×W float image, checking its size from the header before
 * decoding so that a forged or unexpected size fails without allocating the image. Public so that readers of other
 * stores (e.g. Spark's {@code binaryFiles} on a Hadoop file system) decode exactly as the image folder does.
 */
public final class ImageDecoder {
    /** Largest image decoded at all (64 M pixels), whatever the configured size: a guard against forged headers. */
    static final long MAX_PIXELS = 1L << 26;

    private final int channels;
    private final int height;
    private final int width;
    private final boolean resize;
    private final boolean expandGrey;

    /** Images of channels (1 or 3) × height × width; resize scales other sizes, expandGrey replicates grey to RGB. */
    public ImageDecoder(int channels, int height, int width, boolean resize, boolean expandGrey) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("ImageFolder: channels must be 1 or 3, got " + channels);
        Image.checkedSize(channels, height, width);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.resize = resize;
        this.expandGrey = expandGrey;
    }

    /** The image at file, as item `index` of a dataset (for messages). */
    Image decode(Path file, int index) {
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": item " + index + ": cannot open the image file: " + e.getMessage(), e);
        }
        return decode(in, file, index);
    }

    /** The encoded image in bytes, as item index of a dataset; source names it in messages (a path or URI). */
    public Image decode(byte[] bytes, String source, int index) {
        return decode(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), Path.of(source), index);
    }

    private Image decode(ImageInputStream in, Path file, int index) {
        BufferedImage img;
        try (in) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw error(file, index, "not an image ImageIO can read (PNG, JPEG, …)", null);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                checkSize(file, index, w, h);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders report damaged data with IOExceptions and, for some inputs, runtime exceptions.
            throw error(file, index, "cannot decode the image: " + e, e);
        }
        if (img == null) throw error(file, index, "cannot decode the image: ImageIO returned nothing", null);
        checkSize(file, index, img.getWidth(), img.getHeight());
        Image out = toImage(file, index, img);
        if (out.height() != height || out.width() != width) out = Resampling.resize(out, height, width);
        return out;
    }

    private void checkSize(Path file, int index, int w, int h) {
        if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
            throw error(file, index, "has an unsupported size of " + w + "×" + h + " pixels (width×height; at most " + MAX_PIXELS + " pixels)", null);
        }
        if (!resize && (w != width || h != height)) {
            throw error(file, index, "is " + w + "×" + h + " pixels (width×height) but this folder is configured for "
                    + width + "×" + height + "; resize the images or enable resizing", null);
        }
    }

    private Image toImage(Path file, int index, BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        boolean grey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(img.getColorModel() instanceof IndexColorModel);
        if (grey) {
            Image g = greyPlane(img, w, h);
            if (channels == 1) return g;
            if (!expandGrey) {
                throw error(file, index, "is a grey-scale image but this folder is configured for 3 channels; "
                        + "enable grey expansion to replicate it", null);
            }
            Image rgb = Image.zeros(3, h, w);
            for (int c = 0; c < 3; c++) System.arraycopy(g.data(), 0, rgb.data(), c * w * h, w * h);
            return rgb;
        }
        if (channels == 1) {
            throw error(file, index, "is a colour image but this folder is configured for 1 channel", null);
        }
        Image rgb = Image.zeros(3, h, w);
        float[] d = rgb.data();
        int[] row = new int[w];
        int n = w * h;
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w); // sRGB, alpha dropped
            for (int x = 0; x < w; x++) {
                int p = y * w + x, argb = row[x];
                d[p] = ((argb >> 16) & 0xff) / 255f;
                d[n + p] = ((argb >> 8) & 0xff) / 255f;
                d[2 * n + p] = (argb & 0xff) / 255f;
            }
        }
        return rgb;
    }

    /** Grey samples as stored (no colour-space conversion, which would gamma-shift them), scaled by the bit depth. */
    private static Image greyPlane(BufferedImage img, int w, int h) {
        Raster r = img.getRaster();
        int bits = r.getSampleModel().getSampleSize(0);
        float max = (float) ((1L << bits) - 1);
        Image g = Image.zeros(1, h, w);
        float[] d = g.data();
        r.getSamples(0, 0, w, h, 0, d);
        for (int i = 0; i < d.length; i++) d[i] /= max; // division, not a reciprocal: 8-bit values match the other readers exactly
        return g;
    }

    private static DatasetFormatException error(Path file, int index, String problem, Throwable cause) {
        return new DatasetFormatException(file, index, DatasetFormatException.UNKNOWN, problem, cause);
    }
}
