package io.callosum.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static io.callosum.nn.data.DataFiles.pixel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Stl10DatasetTest {
    @TempDir
    Path dir;

    @Test
    void transposesColumnMajorPlanes() throws IOException {
        Path d = dir.resolve("stl10_binary");
        DataFiles.write(d.resolve("train_X.bin"), DataFiles.stl10Images(3));
        DataFiles.write(d.resolve("train_y.bin"), new byte[]{1, 10, 4});
        Stl10Dataset ds = Stl10Dataset.open(dir, Split.TRAIN);
        assertEquals(3, ds.size());
        assertEquals(0, ds.label(0));
        assertEquals(9, ds.label(1));
        assertEquals(3, ds.label(2));
        assertEquals("monkey", ds.classNames().get(7));
        for (int n = 0; n < 3; n++) {
            Image img = ds.image(n);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 96; y++) {
                    for (int x = 0; x < 96; x++) assertEquals(pixel(n, c, y, x) / 255f, img.get(c, y, x), 0f);
                }
            }
        }
    }

    @Test
    void aVerticalStripeInTheFileIsAVerticalStripeInTheImage() throws IOException {
        // In STL-10's layout the first 96 bytes of a plane are the leftmost column (x = 0, y = 0..95).
        byte[] raw = new byte[3 * 96 * 96];
        Arrays.fill(raw, 0, 96, (byte) 255);
        Path x = DataFiles.write(dir.resolve("stripe_X.bin"), raw);
        Image img = Stl10Dataset.open(x, null, "stripe").image(0);
        for (int y = 0; y < 96; y++) {
            assertEquals(1f, img.get(0, y, 0), 0f, "left column, row " + y);
            assertEquals(0f, img.get(0, y, 1), 0f);
        }
        assertEquals(0f, img.get(0, 0, 2), 0f);
        assertEquals(0f, img.get(1, 0, 0), 0f);
    }

    @Test
    void unlabelledSplitHasNoLabels() throws IOException {
        DataFiles.write(dir.resolve("unlabeled_X.bin"), DataFiles.stl10Images(2));
        Stl10Dataset ds = Stl10Dataset.open(dir, Split.UNLABELLED);
        assertFalse(ds.isLabelled());
        assertEquals(Example.UNLABELLED, ds.label(1));
        assertEquals(pixel(1, 2, 5, 7) / 255f, ds.image(1).get(2, 5, 7), 0f);
    }

    @Test
    void truncatedImagesNameRecordAndOffset() throws IOException {
        Path x = DataFiles.write(dir.resolve("train_X.bin"), Arrays.copyOf(DataFiles.stl10Images(2), 27648 + 1000));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Stl10Dataset.open(x, null, "t"));
        assertEquals(1, e.record());
        assertEquals(27648, e.offset());
        assertTrue(e.getMessage().startsWith(x + ": record 1 at byte offset 27648: truncated"), e.getMessage());
    }

    @Test
    void badLabels() throws IOException {
        Path x = DataFiles.write(dir.resolve("train_X.bin"), DataFiles.stl10Images(3));
        Path zero = DataFiles.write(dir.resolve("zero_y.bin"), new byte[]{1, 0, 2});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Stl10Dataset.open(x, zero, "t"));
        assertEquals(zero + ": record 1 at byte offset 1: label 0 is out of range 1..10", e.getMessage());
        Path eleven = DataFiles.write(dir.resolve("eleven_y.bin"), new byte[]{1, 2, 11});
        e = assertThrows(DatasetFormatException.class, () -> Stl10Dataset.open(x, eleven, "t"));
        assertEquals(2, e.record());
        Path few = DataFiles.write(dir.resolve("few_y.bin"), new byte[]{1, 2});
        e = assertThrows(DatasetFormatException.class, () -> Stl10Dataset.open(x, few, "t"));
        assertTrue(e.getMessage().contains("holds 2 labels but " + x + " holds 3 images"), e.getMessage());
    }
}
