package io.callosum.nn.data;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.callosum.nn.data.DataFiles.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxDatasetTest {
    private static final List<String> TEN = IdxDataset.FASHION_MNIST_CLASSES;

    @TempDir
    Path dir;

    private IdxDataset open(byte[] images, byte[] labels, boolean gzip) throws IOException {
        Path img = DataFiles.write(dir.resolve("imgs" + (gzip ? ".gz" : "")), gzip ? DataFiles.gzip(images) : images);
        Path lab = DataFiles.write(dir.resolve("labels" + (gzip ? ".gz" : "")), gzip ? DataFiles.gzip(labels) : labels);
        return IdxDataset.open(img, lab, TEN, "test");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabels(boolean gzip) throws IOException {
        int[] labels = {3, 0, 9, 9, 1};
        IdxDataset ds = open(DataFiles.idxImages(5, 4, 6), DataFiles.idxLabels(labels), gzip);
        assertEquals(5, ds.size());
        assertEquals(10, ds.numClasses());
        assertEquals(4, ds.height());
        assertEquals(6, ds.width());
        for (int i = 0; i < 5; i++) {
            assertEquals(labels[i], ds.label(i));
            Image img = ds.image(i);
            assertArrayEquals(new int[]{1, 4, 6}, img.shape());
            for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) assertEquals(pixel(i, 0, y, x) / 255f, img.get(0, y, x), 0f);
        }
        Example e = ds.get(2);
        assertEquals(9, e.label());
        assertEquals(DType.FLOAT32, e.image().dtype());
        assertArrayEquals(new int[]{1, 4, 6}, e.image().shape());
        assertArrayEquals(ds.image(2).data(), e.image().toFloatArray());
        assertArrayEquals(new long[]{1, 1, 0, 1, 0, 0, 0, 0, 0, 2}, ds.classCounts());
    }

    @Test
    void readsFromTheStandardFileNames() throws IOException {
        DataFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), DataFiles.gzip(DataFiles.idxImages(3, 2, 2)));
        DataFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), DataFiles.idxLabels(new int[]{1, 2, 3}));
        IdxDataset ds = IdxDataset.mnist(dir, Split.TEST);
        assertEquals(3, ds.size());
        assertEquals(3, ds.label(2));
        assertTrue(ds.name().contains("mnist test"), ds.name());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxDataset.mnist(dir, Split.TRAIN));
    }

    @Test
    void unlabelledImagesHaveLabelMinusOne() throws IOException {
        Path img = DataFiles.write(dir.resolve("imgs"), DataFiles.idxImages(2, 3, 3));
        IdxDataset ds = IdxDataset.open(img, null, TEN, "unlabelled");
        assertEquals(Example.UNLABELLED, ds.label(1));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.image(2));
    }

    @Test
    void datasetIsReadableFromManyThreads() throws Exception {
        IdxDataset ds = open(DataFiles.idxImages(50, 5, 5), DataFiles.idxLabels(new int[50]), false);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int rep = 0; rep < 20; rep++) {
                    for (int i = 0; i < 50; i++) if (ds.image(i).get(0, 2, 3) != pixel(i, 0, 2, 3) / 255f) wrong.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertEquals(0, wrong.get());
    }

    // ------------------------------------------------------------------ bad input

    private static DatasetFormatException bad(Path file, ThrowingOpen open) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, open::run);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    interface ThrowingOpen {
        void run() throws Exception;
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        byte[] images = DataFiles.idxImages(2, 2, 2);
        images[3] = 0x01; // claims a 1-dimensional file
        Path img = DataFiles.write(dir.resolve("imgs"), images);
        Path lab = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[]{0, 0}));
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, lab, TEN, "t"));
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801: expected 0x00000803"), e.getMessage());
        assertEquals(0, e.offset());
        // labels and images swapped: the labels file is not an image file
        DatasetFormatException swapped = bad(lab, () -> IdxDataset.open(lab, lab, TEN, "t"));
        assertTrue(swapped.getMessage().contains("wrong magic number"), swapped.getMessage());
    }

    @Test
    void unsupportedElementTypeIsAWrongMagic() throws IOException {
        byte[] images = DataFiles.idxImages(1, 2, 2);
        images[2] = 0x0D; // float32 elements
        Path img = DataFiles.write(dir.resolve("floats"), images);
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertTrue(e.getMessage().contains("0x00000D03"), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedImagesNameRecordAndOffset(boolean gzip) throws IOException {
        byte[] full = DataFiles.idxImages(10, 4, 4);
        byte[] cut = Arrays.copyOf(full, 16 + 6 * 16 + 5); // 6 whole records and 5 bytes of the seventh
        Path img = DataFiles.write(dir.resolve("cut" + (gzip ? ".gz" : "")), gzip ? DataFiles.gzip(cut) : cut);
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertEquals(6, e.record());
        assertEquals(16 + 6 * 16, e.offset());
        assertTrue(e.getMessage().contains("record 6 at byte offset 112: truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("declares 10 records of 16 bytes (176 bytes in all) but the file holds 117 bytes"), e.getMessage());
    }

    @Test
    void truncatedHeaderNamesItsOffset() throws IOException {
        Path img = DataFiles.write(dir.resolve("stub"), Arrays.copyOf(DataFiles.idxImages(1, 2, 2), 9));
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertTrue(e.getMessage().contains("truncated header: the file ends after 9 bytes"), e.getMessage());
    }

    @Test
    void trailingDataIsAnError() throws IOException {
        byte[] full = DataFiles.idxImages(2, 2, 2);
        Path img = DataFiles.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 3));
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertEquals(full.length, e.offset());
        assertTrue(e.getMessage().contains("unexpected data after the last of the 2 records"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() throws IOException {
        Path img = DataFiles.write(dir.resolve("imgs"), DataFiles.idxImages(4, 2, 2));
        Path lab = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[]{1, 2, 10, 3}));
        DatasetFormatException e = bad(lab, () -> IdxDataset.open(img, lab, TEN, "t"));
        assertEquals(2, e.record());
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().endsWith("record 2 at byte offset 10: label 10 is out of range 0..9"), e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path img = DataFiles.write(dir.resolve("imgs"), DataFiles.idxImages(4, 2, 2));
        Path lab = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[]{1, 2, 3}));
        DatasetFormatException e = bad(lab, () -> IdxDataset.open(img, lab, TEN, "t"));
        assertTrue(e.getMessage().contains("declares 3 labels but " + img + " declares 4 images"), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void forgedHugeCountsNeverAllocate(boolean gzip) throws IOException {
        // A 40-byte file that claims 2^31−1 images of 8192×8192 pixels (about 2^57 bytes).
        byte[] forged = ByteBuffer.allocate(40).putInt(0x00000803).putInt(Integer.MAX_VALUE).putInt(8192).putInt(8192).array();
        Path img = DataFiles.write(dir.resolve("forged" + (gzip ? ".gz" : "")), gzip ? DataFiles.gzip(forged) : forged);
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertTrue(e.getMessage().contains(gzip ? "must stay under 2 GiB" : "truncated"), e.getMessage());
        // A plausible total but a huge count of tiny records: fails on the length check before anything is read.
        byte[] many = ByteBuffer.allocate(40).putInt(0x00000803).putInt(Integer.MAX_VALUE).putInt(1).putInt(1).array();
        Path img2 = DataFiles.write(dir.resolve("many" + (gzip ? ".gz" : "")), gzip ? DataFiles.gzip(many) : many);
        DatasetFormatException e2 = bad(img2, () -> IdxDataset.open(img2, null, TEN, "t"));
        assertEquals(gzip ? DatasetFormatException.UNKNOWN : 24, e2.record());
        // A forged label count.
        Path small = DataFiles.write(dir.resolve("small"), DataFiles.idxImages(2, 1, 1));
        byte[] labels = ByteBuffer.allocate(10).putInt(0x00000801).putInt(2).put((byte) 0).put((byte) 0).array();
        labels[4] = (byte) 0x7f;
        Path lab = DataFiles.write(dir.resolve("forged-labels"), labels);
        bad(lab, () -> IdxDataset.open(small, lab, TEN, "t"));
    }

    @Test
    void oversizedImagesAreRefused() throws IOException {
        byte[] forged = ByteBuffer.allocate(16).putInt(0x00000803).putInt(0).putInt(65536).putInt(65536).array();
        Path img = DataFiles.write(dir.resolve("huge-image"), forged);
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertTrue(e.getMessage().contains("images of 65536×65536 pixels are not supported"), e.getMessage());
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        byte[] gz = DataFiles.gzip(DataFiles.idxImages(200, 8, 8));
        for (int i = 40; i < 60; i++) gz[i] ^= 0x5a; // damage the deflate stream after the header
        Path img = DataFiles.write(dir.resolve("damaged.gz"), gz);
        DatasetFormatException e = bad(img, () -> IdxDataset.open(img, null, TEN, "t"));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        Path cut = DataFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(DataFiles.gzip(DataFiles.idxImages(200, 8, 8)), 100));
        DatasetFormatException e2 = bad(cut, () -> IdxDataset.open(cut, null, TEN, "t"));
        assertTrue(e2.getMessage().contains("gzip"), e2.getMessage());
    }

    @Test
    void exampleTensorIsACpuFloatTensorInUnitRange() throws IOException {
        IdxDataset ds = open(DataFiles.idxImages(3, 28, 28), DataFiles.idxLabels(new int[]{0, 1, 2}), true);
        try (Tensor t = ds.get(1).image()) {
            float[] v = t.toFloatArray();
            for (float f : v) assertTrue(f >= 0 && f <= 1);
            assertTrue(t.device().isCpu());
        }
    }
}
