package io.callosum.splitbrain.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void aSeriesWithAnErrorIsDrawnWithAShadedBandAroundItsLine() throws Exception {
        double[] x = {1, 2, 4, 8, 16}, y = {0.2, 0.3, 0.45, 0.6, 0.8}, e = {0.1, 0.1, 0.1, 0.1, 0.1};
        Path banded = dir.resolve("banded.png"), plain = dir.resolve("plain.png");
        Plots.line(banded, "t", "k", "top-1", List.of(new Plots.Series("a", x, y, e)), true);
        Plots.line(plain, "t", "k", "top-1", List.of(new Plots.Series("a", x, y)), true);
        long tintedBanded = tinted(ImageIO.read(banded.toFile())), tintedPlain = tinted(ImageIO.read(plain.toFile()));
        // the band (±0.1 over the whole x range) covers far more of the plot than the line and its markers
        assertTrue(tintedBanded > 3 * tintedPlain, "coloured pixels: banded " + tintedBanded + ", plain " + tintedPlain);
    }

    /** Pixels that are neither grey nor white: the series' colour, pure or blended. */
    private static long tinted(BufferedImage img) {
        long n = 0;
        for (int j = 0; j < img.getHeight(); j++) {
            for (int i = 0; i < img.getWidth(); i++) {
                int rgb = img.getRGB(i, j), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 12) n++;
            }
        }
        return n;
    }
}
