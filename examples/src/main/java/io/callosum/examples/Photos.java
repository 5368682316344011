package io.callosum.examples;

import io.callosum.nn.data.Image;
import io.callosum.nn.io.AtomicFile;
import io.callosum.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading photographs (PNG, JPEG, anything ImageIO decodes) as RGB images in [0, 1], and writing PNGs atomically. */
public final class Photos {
    /** Largest picture read (64 M pixels): a guard against decompression bombs. */
    static final long MAX_PIXELS = 1L << 26;

    private Photos() {
    }

    /** The picture as a 3×H×W image (grey pictures come back with three equal channels; alpha is dropped). */
    public static Image read(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such image file");
        if (!Files.isReadable(file)) throw new IllegalArgumentException(file + ": not readable (check its permissions)");
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot decode the image (" + e.getMessage() + ")");
        }
        if (img == null) throw new IllegalArgumentException(file + ": not an image ImageIO can read (PNG or JPEG expected)");
        int w = img.getWidth(), h = img.getHeight();
        if ((long) w * h > MAX_PIXELS) throw new IllegalArgumentException(file + ": " + w + "×" + h + " pixels is more than the " + MAX_PIXELS + " supported");
        Image out = Image.zeros(3, h, w);
        float[] d = out.data();
        int n = w * h;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = y * w + x, argb = row[x];
                d[p] = ((argb >> 16) & 0xff) / 255f;
                d[n + p] = ((argb >> 8) & 0xff) / 255f;
                d[2 * n + p] = (argb & 0xff) / 255f;
            }
        }
        return out;
    }

    /** Writes a 3×H×W (or 1×3×H×W) RGB tensor in [0, 1] as a PNG. */
    public static void writePng(Tensor rgb, Path file) throws IOException {
        writePng(toBufferedImage(rgb), file);
    }

    /** A 3×H×W (or 1×3×H×W) RGB tensor in [0, 1] as an 8-bit image. */
    public static BufferedImage toBufferedImage(Tensor rgb) {
        Tensor t = rgb.dim() == 4 ? rgb.squeeze(0) : rgb;
        int h = t.size(1), w = t.size(2), n = h * w;
        float[] v = t.contiguous().toFloatArray();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                img.setRGB(x, y, (byte8(v[p]) << 16) | (byte8(v[n + p]) << 8) | byte8(v[2 * n + p]));
            }
        }
        return img;
    }

    /** Writes a PNG through {@link AtomicFile}, so a reader never sees half an image and a kill leaves none. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", png)) throw new IOException(file + ": no PNG writer in this Java runtime");
        byte[] bytes = png.toByteArray();
        AtomicFile.write(file, out -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
        });
    }

    private static int byte8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
