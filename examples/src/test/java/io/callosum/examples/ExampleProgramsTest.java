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

    /** NumpyInterop's files as NumPy reads them, and a file NumPy wrote as the example reads it; skipped without numpy. */
    @Test
    void numpyInteropRoundTripsThroughNumpy(@TempDir Path dir) throws Exception {
        String reason;
        try {
            Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes()).strip();
            reason = probe.waitFor() == 0 ? null : "numpy is not importable in /usr/bin/python3: " + said;
        } catch (java.io.IOException e) {
            reason = "/usr/bin/python3 cannot run: " + e.getMessage();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, reason);
        NumpyInterop.write(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import numpy as np",
                "d = np.load('data.npy')",
                "assert d.dtype == np.float32 and d.shape == (2, 3, 4) and d[1, 2, 3] == 12 and d[0, 0, 1] == -2, d",
                "assert (np.load('window.npy') == d[..., 1:3]).all()",
                "assert (np.load('relu.npy') == np.where(d > 0, d, 0)).all()",
                "m = np.load('positive.npy'); assert m.dtype == np.bool_ and (m == (d > 0)).all()",
                "i = np.load('argmax.npy'); assert i.dtype == np.int32 and (i == d.argmax(2)[..., None]).all()",
                "assert (np.load('picked.npy') == np.take_along_axis(d, i, 2)).all()",
                "np.save('from_numpy.npy', np.linspace(0, 1, 6).reshape(2, 3))"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "numpy's checks of the example's files:\n" + out);
        io.callosum.tensor.Tensor back = NumpyInterop.read(dir.resolve("from_numpy.npy"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 3}, back.shape());
        float[] v = back.toFloatArray();
        for (int k = 0; k < 6; k++) assertEquals((float) (k / 5.0), v[k], 0, "element " + k);
    }
}
