package io.callosum.nn.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real files of Debian's dataset-fashion-mnist package, when installed. */
class FashionMnistTest {
    @BeforeAll
    static void requireTheFiles() {
        boolean present = Files.isRegularFile(IdxDataset.FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz"));
        if (!present) {
            System.out.println("FashionMnistTest skipped: " + IdxDataset.FASHION_MNIST_DIR
                    + " not found (install Debian's dataset-fashion-mnist package)");
        }
        Assumptions.assumeTrue(present, "Fashion-MNIST files not installed at " + IdxDataset.FASHION_MNIST_DIR);
    }

    @Test
    void trainAndTestSplitsHaveTheirPublishedSizesAndBalance() throws IOException {
        IdxDataset train = IdxDataset.fashionMnist(Split.TRAIN);
        IdxDataset test = IdxDataset.fashionMnist(Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        long[] sixThousand = new long[10], thousand = new long[10];
        Arrays.fill(sixThousand, 6000);
        Arrays.fill(thousand, 1000);
        assertArrayEquals(sixThousand, train.classCounts());
        assertArrayEquals(thousand, test.classCounts());
        assertEquals("Ankle boot", train.classNames().get(9));
        Image first = train.image(0);
        assertArrayEquals(new int[]{1, 28, 28}, first.shape());
        float max = 0;
        for (float v : first.data()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5f, "the first image is not blank");
        assertEquals(9, train.label(0)); // the first training image is an ankle boot
    }

    @Test
    void onePassThroughTheLoader() throws IOException {
        long open = System.nanoTime();
        IdxDataset train = IdxDataset.fashionMnist(Split.TRAIN);
        System.out.printf("Fashion-MNIST train: opening (gunzip 26 MB, checking 60 000 labels): %.3f s%n", (System.nanoTime() - open) / 1e9);
        try (DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(true).seed(1).workers(2).build()) {
            for (String pass : new String[]{"first (cold JIT)", "second"}) {
                long start = System.nanoTime();
                int batches = 0, images = 0;
                long labelSum = 0;
                for (Batch b : loader) {
                    try (b) {
                        batches++;
                        images += b.size();
                        for (int l : b.labels().toIntArray()) labelSum += l;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(938, batches);
                assertEquals(60_000, images);
                assertEquals(6000L * 45, labelSum);
                System.out.printf("Fashion-MNIST train, %s pass, batch 64, 2 workers, no transforms: %.3f s (%.0f images/s)%n",
                        pass, seconds, images / seconds);
            }
        }
    }
}
