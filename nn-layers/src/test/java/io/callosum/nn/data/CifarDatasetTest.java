package io.callosum.nn.data;

import io.callosum.nn.data.CifarDataset.Cifar100Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.callosum.nn.data.DataFiles.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarDatasetTest {
    @TempDir
    Path dir;

    private static void assertPixels(Image img, int n) {
        assertArrayEquals(new int[]{3, 32, 32}, img.shape());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) assertEquals(pixel(n, c, y, x) / 255f, img.get(c, y, x), 0f, "c" + c + " y" + y + " x" + x);
            }
        }
    }

    @Test
    void cifar10ReadsBatchFilesInOrder() throws IOException {
        Path d = dir.resolve("cifar-10-batches-bin");
        // five training batches of 3, 2, 1, 2, 2 records: global indices run across files
        int[] sizes = {3, 2, 1, 2, 2};
        int first = 0;
        for (int f = 0; f < 5; f++) {
            int[][] labels = new int[sizes[f]][];
            for (int i = 0; i < sizes[f]; i++) labels[i] = new int[]{(first + i) % 10};
            DataFiles.write(d.resolve("data_batch_" + (f + 1) + ".bin"), DataFiles.cifar(labels, first));
            first += sizes[f];
        }
        DataFiles.write(d.resolve("test_batch.bin"), DataFiles.cifar(new int[][]{{7}}, 100));
        CifarDataset train = CifarDataset.cifar10(dir, Split.TRAIN);
        assertEquals(10, train.size());
        assertEquals(10, train.numClasses());
        assertEquals("airplane", train.classNames().get(0));
        for (int i = 0; i < 10; i++) {
            assertEquals(i % 10, train.label(i));
            assertPixels(train.image(i), i);
        }
        CifarDataset test = CifarDataset.cifar10(d, Split.TEST);
        assertEquals(1, test.size());
        assertEquals(7, test.label(0));
        assertPixels(test.image(0), 100);
        assertThrows(IllegalStateException.class, () -> test.coarseLabel(0));
    }

    @Test
    void cifar100ReportsCoarseOrFineLabels() throws IOException {
        int[][] labels = {{19, 99}, {0, 0}, {4, 57}};
        Path file = DataFiles.write(dir.resolve("cifar-100-binary/train.bin"), DataFiles.cifar(labels, 0));
        CifarDataset fine = CifarDataset.cifar100(dir, Split.TRAIN, Cifar100Label.FINE);
        CifarDataset coarse = CifarDataset.cifar100(List.of(file), Cifar100Label.COARSE);
        assertEquals(100, fine.numClasses());
        assertEquals(20, coarse.numClasses());
        for (int i = 0; i < 3; i++) {
            assertEquals(labels[i][1], fine.label(i));
            assertEquals(labels[i][0], coarse.label(i));
            assertEquals(labels[i][0], fine.coarseLabel(i));
            assertPixels(fine.image(i), i);
        }
    }

    @Test
    void truncatedFileNamesRecordAndOffset() throws IOException {
        byte[] three = DataFiles.cifar(new int[][]{{1}, {2}, {3}}, 0);
        Path file = DataFiles.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(three, 2 * 3073 + 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarDataset.cifar10(List.of(file)));
        assertEquals(file, e.file());
        assertEquals(2, e.record());
        assertEquals(2 * 3073, e.offset());
        assertTrue(e.getMessage().startsWith(file + ": record 2 at byte offset 6146: truncated"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() throws IOException {
        Path c10 = DataFiles.write(dir.resolve("c10.bin"), DataFiles.cifar(new int[][]{{1}, {2}, {10}}, 0));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarDataset.cifar10(List.of(c10)));
        assertEquals(c10 + ": record 2 at byte offset 6146: label 10 is out of range 0..9", e.getMessage());

        Path c100 = DataFiles.write(dir.resolve("c100.bin"), DataFiles.cifar(new int[][]{{1, 5}, {2, 100}}, 0));
        DatasetFormatException f = assertThrows(DatasetFormatException.class, () -> CifarDataset.cifar100(List.of(c100), Cifar100Label.COARSE));
        assertEquals(c100 + ": record 1 at byte offset 3075: fine label 100 is out of range 0..99", f.getMessage());

        Path coarse = DataFiles.write(dir.resolve("c100b.bin"), DataFiles.cifar(new int[][]{{20, 5}}, 0));
        DatasetFormatException g = assertThrows(DatasetFormatException.class, () -> CifarDataset.cifar100(List.of(coarse), Cifar100Label.FINE));
        assertEquals(coarse + ": record 0 at byte offset 0: coarse label 20 is out of range 0..19", g.getMessage());
    }

    @Test
    void emptyOrMissingFiles() throws IOException {
        Path empty = DataFiles.write(dir.resolve("empty.bin"), new byte[0]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarDataset.cifar10(List.of(empty)));
        assertEquals(empty + ": the file is empty", e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CifarDataset.cifar10(dir, Split.TEST));
    }
}
