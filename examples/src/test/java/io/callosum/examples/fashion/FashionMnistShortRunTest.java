package io.callosum.examples.fashion;

import io.callosum.nn.data.IdxDataset;
import io.callosum.tensor.Device;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI's short version of the Fashion-MNIST acceptance run: 6 000 training images, one epoch, 2 000 test images. Chance
 * is 10 %; a working conv net with Adam reaches well over 70 % here. Skipped (with the reason) where Debian's
 * dataset-fashion-mnist package is not installed; .ci/run installs it.
 */
class FashionMnistShortRunTest {
    @Test
    void oneEpochOnASubsetLearns() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(IdxDataset.FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed at " + IdxDataset.FASHION_MNIST_DIR + " (apt-get install dataset-fashion-mnist)");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FashionMnistTraining.Config cfg = new FashionMnistTraining.Config(IdxDataset.FASHION_MNIST_DIR, 6000, 2000, 1, 64, 2e-3, 1, 2, false, Device.CPU);
        FashionMnistTraining.Result r = FashionMnistTraining.run(cfg, new PrintStream(log, true));
        System.out.print(log);
        assertTrue(r.testTop1() >= 0.70, "test top-1 " + r.testTop1() + " below the 70 % floor:\n" + log);
        assertTrue(log.toString().contains("images/s"), log.toString());
    }
}
