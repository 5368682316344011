package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fashion-mnist on a few generated IDX images: progress through the shared listener, the report in --out. */
class FashionMnistCommandTest {
    /** The four IDX files, n images of 28×28 each (a bright square whose corner gives the label), labels 0..9. */
    private static void writeIdx(Path dir, String prefix, int n) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n; i++) {
                byte[] img = new byte[28 * 28];
                int r0 = (i % 10) * 2;
                for (int r = r0; r < r0 + 6; r++) for (int c = r0; c < r0 + 6; c++) img[r * 28 + c] = (byte) 200;
                out.write(img);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) out.writeByte(i % 10);
        }
    }

    @Test
    void writesItsReportToOutAndReportsProgressThroughTheListener(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("idx"));
        writeIdx(data, "train", 40);
        writeIdx(data, "t10k", 20);
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("fashion-mnist", "--data", data.toString(), "--epochs", "2", "--batch", "10", "--workers", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("fashion-mnist epoch 1: mean loss") && r.out().contains("fashion-mnist epoch 2: mean loss"),
                "one summary line per epoch from the shared listener:\n" + r);
        assertTrue(r.out().contains("test top-1"), r.toString());
        assertTrue(r.out().contains("report: " + out.resolve("report.md")), r.toString());
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"test_top1\"") && json.contains("\"test_top5\""), json);
        assertEquals(3, Files.readAllLines(out.resolve("epochs.csv")).size(), "a header and a row per epoch");
    }
}
