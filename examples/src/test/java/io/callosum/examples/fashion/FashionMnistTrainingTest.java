package io.callosum.examples.fashion;

import io.callosum.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Fashion-MNIST program on the Trainer, without the real data: IDX files of 28×28 images whose class is a bright
 * horizontal bar at row 2c + 4 (unchanged by the horizontal flips of the training transform). It must learn them,
 * report each epoch and score the test files through the shared evaluation.
 */
class FashionMnistTrainingTest {
    static void writeSplit(Path dir, String prefix, int n, int seed) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + n * 28 * 28).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int c = (i * 7 + seed) % 10;
            labels.put((byte) c);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) images.put((byte) (y == 2 * c + 4 ? 220 : ((i * 31 + y * 7 + x * 3) % 40)));
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    @Test
    void learnsBarsAndReportsEveryEpoch(@TempDir Path dir) throws Exception {
        writeSplit(dir, "train", 320, 0);
        writeSplit(dir, "t10k", 100, 3);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FashionMnistTraining.Config cfg = new FashionMnistTraining.Config(dir, 320, 100, 2, 32, 2e-3, 1, 0, false, Device.CPU);
        FashionMnistTraining.Result r = FashionMnistTraining.run(cfg, new PrintStream(log, true));
        String out = log.toString();
        assertEquals(2, r.epochs().size(), out);
        assertTrue(out.contains("epoch 1: loss ") && out.contains("epoch 2: loss ") && out.contains("test top-1 "), out);
        assertTrue(r.epochs().get(1).trainLoss() < r.epochs().get(0).trainLoss(), out);
        double top1 = r.epochs().get(1).trainTop1();
        assertTrue(top1 > 0.5 && top1 <= 1, "training top-1 " + top1);
        assertTrue(r.testTop1() >= 0.9, "test top-1 " + r.testTop1() + ":\n" + out);
        assertTrue(r.testTop5() >= r.testTop1());
    }
}
