package io.callosum.examples.cli;

import io.callosum.tensor.Color;
import io.callosum.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Small generated pictures for command-line tests. */
final class TestImages {
    private TestImages() {
    }

    /** A w×h picture: a colour gradient background with a red disc and a blue square whose positions depend on seed. */
    static BufferedImage picture(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, ((40 + 200 * x / w) << 16) | ((60 + 150 * y / h) << 8) | 90);
        Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(220, 30, 30));
        g.fillOval((seed * 7) % (w / 2), (seed * 3) % (h / 2), w / 3, h / 3);
        g.setColor(new java.awt.Color(30, 40, 200));
        g.fillRect(w / 2 - (seed % 5), h / 2, w / 4, h / 4);
        g.dispose();
        return img;
    }

    static Path writePng(BufferedImage img, Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** The Lab lightness of a picture, [H·W]. */
    static float[] lightness(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight(), n = w * h;
        float[] rgb = new float[3 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x, v = img.getRGB(x, y);
                rgb[p] = ((v >> 16) & 0xff) / 255f;
                rgb[n + p] = ((v >> 8) & 0xff) / 255f;
                rgb[2 * n + p] = (v & 0xff) / 255f;
            }
        }
        float[] lab = Color.rgbToLab(Tensor.of(rgb, 1, 3, h, w)).toFloatArray();
        return java.util.Arrays.copyOf(lab, n);
    }
}
