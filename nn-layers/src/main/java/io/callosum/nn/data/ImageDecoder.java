package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Resampling;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Decodes one PNG/JPEG (anything ImageIO reads; JPEG through TwelveMonkeys' reader, which converts CMYK/YCCK) to a
 * C×H×W float image, checking its size from the header before decoding so that a forged or unexpected size fails
 * without allocating the image, and refusing damaged data instead of returning a partly grey image. Public so that
 * readers of other stores (e.g. Spark's {@code binaryFiles} on a Hadoop file system) decode exactly as the image
 * folder does.
 */
public final class ImageDecoder {
    /** Largest image decoded at all (64 M pixels), whatever the configured size: a guard against forged headers. */
    static final long MAX_PIXELS = 1L << 26;
    private static final int PNG_SIGNATURE_BYTES = 8;
    private static final byte[] IEND = {'I', 'E', 'N', 'D'};

    private final int channels;
    private final int height;
    private final int width;
    private final boolean resize;
    private final boolean expandGrey;
    private final long maxPixels;

    /** Images of channels (1 or 3) × height × width; resize scales other sizes, expandGrey replicates grey to RGB. */
    public ImageDecoder(int channels, int height, int width, boolean resize, boolean expandGrey) {
        this(channels, height, width, resize, expandGrey, MAX_PIXELS);
    }

    /** As above, refusing images over maxPixels (at most {@link #MAX_PIXELS}) before decoding them: a tighter guard. */
    ImageDecoder(int channels, int height, int width, boolean resize, boolean expandGrey, long maxPixels) {
        if (maxPixels <= 0 || maxPixels > MAX_PIXELS) throw new IllegalArgumentException("ImageDecoder: maxPixels must be 1.." + MAX_PIXELS + ", got " + maxPixels);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("ImageFolder: channels must be 1 or 3, got " + channels);
        Image.checkedSize(channels, height, width);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.resize = resize;
        this.expandGrey = expandGrey;
        this.maxPixels = maxPixels;
    }

    /** The image at file, as item `index` of a dataset (for messages). */
    Image decode(Path file, int index) {
        return converted(file, index, read(file, index));
    }

    /** The encoded image in bytes, as item index of a dataset; source names it in messages (a path or URI). */
    public Image decode(byte[] bytes, String source, int index) {
        Path name = Path.of(source);
        // a stream that knows its length: the PNG chunk check needs it (a memory-cache stream reports -1)
        return converted(name, index, read(new ByteArrayImageInputStream(bytes), name, index));
    }

    private Image converted(Path file, int index, BufferedImage img) {
        Image out = toImage(file, index, img);
        if (out.height() != height || out.width() != width) out = Resampling.resize(out, height, width);
        return out;
    }

    /**
     * Everything {@link #decode} checks — the whole compressed stream decodes without a warning, size and channels
     * fit — without the conversion to floats and the resize: the up-front check of a folder.
     */
    void verify(Path file, int index) {
        checkChannels(file, index, read(file, index));
    }

    /** {@link #verify(Path, int)} of an encoded image in bytes; source names it in messages. */
    void verify(byte[] bytes, String source, int index) {
        Path name = Path.of(source);
        checkChannels(name, index, read(new ByteArrayImageInputStream(bytes), name, index));
    }

    private void checkChannels(Path file, int index, BufferedImage img) {
        if (isGrey(img)) {
            if (channels == 3 && !expandGrey) throw greyInColourFolder(file, index);
        } else if (channels == 1) {
            throw colourInGreyFolder(file, index);
        }
    }

    /**
     * Decodes the whole file. A warning from the decoder is an error: the JPEG readers report a truncated or corrupt
     * scan only as a warning and fill what is missing with grey. Warnings about the ICC colour profile are let
     * through: the pixels are complete, and a CMYK JPEG without a profile is then converted as PIL converts it.
     */
    private BufferedImage read(Path file, int index) {
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException e) {
            throw error(file, index, "cannot open the image file: " + e.getMessage(), e);
        }
        return read(in, file, index);
    }

    private BufferedImage read(ImageInputStream in, Path file, int index) {
        BufferedImage img;
        try (in) {
            if (in.length() == 0) throw error(file, index, "is empty (0 bytes)", null);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw error(file, index, "is not a PNG or JPEG image (unrecognised content)", null);
            ImageReader reader = readers.next();
            Set<String> warnings = new LinkedHashSet<>(); // a truncated JPEG repeats its warning for every missing scan
            try {
                if ("png".equalsIgnoreCase(reader.getFormatName())) checkPngChunks(file, index, in);
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (!warning.contains("ICC")) warnings.add(warning);
                });
                int w = reader.getWidth(0), h = reader.getHeight(0);
                checkSize(file, index, w, h);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) throw error(file, index, "has damaged image data (" + String.join("; ", warnings) + ")", null);
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders report damaged data with IOExceptions and, for some inputs, runtime exceptions.
            throw error(file, index, "cannot decode the image: " + e, e);
        }
        if (img == null) throw error(file, index, "cannot decode the image: ImageIO returned nothing", null);
        checkSize(file, index, img.getWidth(), img.getHeight());
        return img;
    }

    /**
     * Walks a PNG's chunks up to IEND: each must fit in the file and match its CRC. The JDK's reader checks none of
     * this: it decodes a file cut inside its last chunk, or with flipped bits that still inflate, without a word.
     */
    private static void checkPngChunks(Path file, int index, ImageInputStream in) throws IOException {
        long length = in.length(), at = PNG_SIGNATURE_BYTES;
        byte[] buf = new byte[8192];
        CRC32 crc = new CRC32();
        while (true) {
            if (length - at < 12) throw error(file, index, "is a truncated PNG (it ends at byte " + length + " before its IEND chunk)", null);
            in.seek(at);
            long chunkLength = in.readUnsignedInt();
            if (chunkLength > length - at - 12) {
                throw error(file, index, "is a truncated or damaged PNG (a chunk at byte " + at + " claims " + chunkLength
                        + " bytes, past the end of the file)", null);
            }
            crc.reset();
            long left = 4 + chunkLength; // the CRC covers the type and the data
            byte[] type = new byte[4];
            in.readFully(type);
            crc.update(type);
            left -= 4;
            while (left > 0) {
                int n = (int) Math.min(buf.length, left);
                in.readFully(buf, 0, n);
                crc.update(buf, 0, n);
                left -= n;
            }
            if (in.readUnsignedInt() != crc.getValue()) {
                throw error(file, index, "is a damaged PNG (CRC mismatch in the " + new String(type, StandardCharsets.ISO_8859_1)
                        + " chunk at byte " + at + ")", null);
            }
            at += 12 + chunkLength;
            if (Arrays.equals(type, IEND)) break;
        }
        in.seek(0); // bytes after IEND are ignored, as by PIL and libpng: the image before them is complete
    }

    private void checkSize(Path file, int index, int w, int h) {
        if (w <= 0 || h <= 0 || (long) w * h > maxPixels) {
            throw error(file, index, "has an unsupported size of " + w + "×" + h + " pixels (width×height; at most " + maxPixels + " pixels)", null);
        }
        if (!resize && (w != width || h != height)) {
            throw error(file, index, "is " + w + "×" + h + " pixels (width×height) but this folder is configured for "
                    + width + "×" + height + "; resize the images or enable resizing", null);
        }
    }

    private Image toImage(Path file, int index, BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (isGrey(img)) {
            Image g = greyPlane(img, w, h);
            if (channels == 1) return g;
            if (!expandGrey) throw greyInColourFolder(file, index);
            Image rgb = Image.zeros(3, h, w);
            for (int c = 0; c < 3; c++) System.arraycopy(g.data(), 0, rgb.data(), c * w * h, w * h);
            return rgb;
        }
        if (channels == 1) throw colourInGreyFolder(file, index);
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

    private static boolean isGrey(BufferedImage img) {
        return img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(img.getColorModel() instanceof IndexColorModel);
    }

    private static DatasetFormatException greyInColourFolder(Path file, int index) {
        return error(file, index, "is a grey-scale image but this folder is configured for 3 channels; "
                + "enable grey expansion to replicate it", null);
    }

    private static DatasetFormatException colourInGreyFolder(Path file, int index) {
        return error(file, index, "is a colour image but this folder is configured for 1 channel", null);
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
