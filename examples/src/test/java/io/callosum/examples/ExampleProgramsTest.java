package io.callosum.examples;

import io.callosum.splitbrain.experiments.ProbeTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example programs run and do what their comments say (tiny budgets). */
class ExampleProgramsTest {
    @Test
    void tensorsAndAutodiffFitsTheLineAndDifferentiatesTwice() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            TensorsAndAutodiff.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("w = (-?[0-9.]+), b = (-?[0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(3, Double.parseDouble(m.group(1)), 0.05, out);
        assertEquals(-2, Double.parseDouble(m.group(2)), 0.05, out);
        assertTrue(out.contains("d/dt t^3 = 12.0, d2/dt2 t^3 = 12.0"), out);
    }

    @Test
    void splitBrainOnAnImageFolder(@TempDir Path dir) throws Exception {
        for (String c : new String[]{"reds", "blues"}) {
            for (int i = 0; i < 6; i++) {
                BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = img.createGraphics();
                g.setColor(c.equals("reds") ? new java.awt.Color(200, 40 + 10 * i, 30) : new java.awt.Color(30, 40 + 10 * i, 200));
                g.fillOval(4 * i, 5, 20, 20);
                g.dispose();
                Files.createDirectories(dir.resolve(c));
                ImageIO.write(img, "png", dir.resolve(c).resolve(i + ".png").toFile());
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<ProbeTable> tables = SplitBrainOnYourImages.run(dir, 32, 1, 2, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("split-brain", "random init"), tables.stream().map(ProbeTable::method).toList());
        assertEquals(4, tables.get(0).layers().size(), "SimpleNet's four probe points");
        assertTrue(text.contains("12 pictures in 2 classes: 10 to train on, 2 to test"), text);
        assertTrue(text.contains("pretrain 1: loss"), text);
    }
}
