package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** colorize end to end at a tiny budget: a PNG in, a valid PNG of the same size out, with the input's lightness. */
class ColorizeCommandTest {
    @Test
    void colorizesAGeneratedPngWithAQuickModel(@TempDir Path dir) throws Exception {
        BufferedImage picture = TestImages.picture(72, 52, 1); // not multiples of 8: the working size is rounded
        Path in = TestImages.writePng(picture, dir.resolve("in.png"));
        Path out = dir.resolve("out/colour.png");
        CliRun r = CliRun.of("colorize", in.toString(), "-o", out.toString(), "--quick-steps", "2", "--quick-batch", "4", "--size", "40");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("→ " + out), r.toString());

        BufferedImage result = ImageIO.read(out.toFile());
        assertNotNull(result, "a PNG ImageIO reads");
        assertEquals(72, result.getWidth());
        assertEquals(52, result.getHeight());
        // the output keeps the input's own lightness at full resolution (only ab is predicted); gamut clipping and
        // 8-bit rounding move it a little
        float[] lIn = TestImages.lightness(picture), lOut = TestImages.lightness(result);
        double sum = 0;
        for (int i = 0; i < lIn.length; i++) sum += Math.abs(lIn[i] - lOut[i]);
        assertTrue(sum / lIn.length < 3, "mean |ΔL| " + sum / lIn.length);
        int changed = 0;
        for (int y = 0; y < 52; y++) for (int x = 0; x < 72; x++) if (picture.getRGB(x, y) != result.getRGB(x, y)) changed++;
        assertTrue(changed > 72 * 52 / 2, "the colours are predicted, not copied: " + changed + " pixels changed");
    }

    @Test
    void compareScoresTheColorizationAgainstGreyAndThePrior(@TempDir Path dir) throws Exception {
        Path in = TestImages.writePng(TestImages.picture(48, 40, 3), dir.resolve("pic.png"));
        CliRun r = CliRun.of("colorize", in.toString(), "--compare", "--quick-steps", "2", "--quick-batch", "4", "--size", "40",
                "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        for (String row : new String[]{"split-brain half A", "grey (ab = 0)", "prior (training per-pixel mean ab)", "rebalanced AuC"}) {
            assertTrue(r.out().contains(row), row + " missing:\n" + r);
        }
    }
}
