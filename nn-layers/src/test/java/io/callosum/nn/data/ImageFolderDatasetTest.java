package io.callosum.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static io.callosum.nn.data.DataFiles.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderDatasetTest {
    @TempDir
    Path root;

    private ImageFolderDataset.Builder folder() {
        return ImageFolderDataset.builder(root).size(6, 8);
    }

    @Test
    void readsPngAndJpegWithClassesFromFolderNames() throws IOException {
        DataFiles.image(root.resolve("dog/b.png"), DataFiles.rgb(2, 8, 6), "png");
        DataFiles.image(root.resolve("dog/a.png"), DataFiles.rgb(1, 8, 6), "png");
        DataFiles.image(root.resolve("cat/x.jpg"), DataFiles.solid(0x4080c0, 8, 6), "jpg");
        DataFiles.image(root.resolve("cat/nested/y.PNG"), DataFiles.rgb(3, 8, 6), "png");
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        DataFiles.image(root.resolve("cat/.hidden.png"), DataFiles.rgb(9, 3, 3), "png");
        DataFiles.image(root.resolve(".cache/z.png"), DataFiles.rgb(9, 3, 3), "png");
        Files.writeString(root.resolve("README"), "top-level files are not classes");

        ImageFolderDataset ds = folder().build();
        assertEquals(List.of("cat", "dog"), ds.classNames());
        assertEquals(4, ds.size());
        // sorted by path within each class: cat/nested/y.PNG, cat/x.jpg, dog/a.png, dog/b.png
        assertEquals(root.resolve("cat/nested/y.PNG"), ds.file(0));
        assertEquals(root.resolve("cat/x.jpg"), ds.file(1));
        assertArrayEquals(new int[]{0, 0, 1, 1}, ds.labels());

        Image a = ds.image(2);
        assertArrayEquals(new int[]{3, 6, 8}, a.shape());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) assertEquals(pixel(1, c, y, x) / 255f, a.get(c, y, x), 0f);
        }
        // JPEG is lossy: a flat colour survives within a few levels
        Image jpeg = ds.image(1);
        float[] expected = {0x40 / 255f, 0x80 / 255f, 0xc0 / 255f};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) assertEquals(expected[c], jpeg.get(c, y, x), 4 / 255f);
        }
    }

    @Test
    void greyImagesKeepTheirStoredValues() throws IOException {
        DataFiles.image(root.resolve("a/g.png"), DataFiles.grey(5, 8, 6), "png");
        Image g = folder().channels(1).build().image(0);
        assertArrayEquals(new int[]{1, 6, 8}, g.shape());
        for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) assertEquals(pixel(5, 0, y, x) / 255f, g.get(0, y, x), 0f);
    }

    @Test
    void sixteenBitGreyIsScaledByItsDepth() throws IOException {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(3, 2, 0, 65535);
        img.getRaster().setSample(4, 2, 0, 32768);
        DataFiles.image(root.resolve("a/g16.png"), img, "png");
        Image g = folder().channels(1).build().image(0);
        assertEquals(1f, g.get(0, 2, 3), 0f);
        assertEquals(32768f / 65535f, g.get(0, 2, 4), 1e-7f);
        assertEquals(0f, g.get(0, 0, 0), 0f);
    }

    @Test
    void greyExpandsToThreeChannelsOnlyWhenAsked() throws IOException {
        Path file = DataFiles.image(root.resolve("a/g.png"), DataFiles.grey(5, 8, 6), "png");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> folder().build().image(0));
        assertEquals(file + ": record 0: is a grey-scale image but this folder is configured for 3 channels; "
                + "enable grey expansion to replicate it", e.getMessage());
        Image rgb = folder().expandGrey(true).build().image(0);
        assertArrayEquals(new int[]{3, 6, 8}, rgb.shape());
        for (int c = 0; c < 3; c++) assertEquals(pixel(5, 0, 4, 7) / 255f, rgb.get(c, 4, 7), 0f);
    }

    @Test
    void colourImageInAGreyFolderIsAnError() throws IOException {
        Path file = DataFiles.image(root.resolve("a/c.png"), DataFiles.rgb(1, 8, 6), "png");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> folder().channels(1).build().image(0));
        assertTrue(e.getMessage().startsWith(file + ": record 0: is a colour image"), e.getMessage());
    }

    @Test
    void wrongSizeNamesTheFileUnlessResizing() throws IOException {
        DataFiles.image(root.resolve("a/ok.png"), DataFiles.rgb(1, 8, 6), "png");
        Path wrong = DataFiles.image(root.resolve("b/wrong.png"), DataFiles.solid(0xff0000, 10, 5), "png");
        ImageFolderDataset strict = folder().build();
        strict.image(0);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> strict.image(1));
        assertEquals(wrong, e.file());
        assertEquals(1, e.record());
        assertEquals(wrong + ": record 1: is 10×5 pixels (width×height) but this folder is configured for 8×6; "
                + "resize the images or enable resizing", e.getMessage());
        Image resized = folder().resize(true).build().image(1);
        assertArrayEquals(new int[]{3, 6, 8}, resized.shape());
        for (float v : Arrays.copyOfRange(resized.data(), 0, 48)) assertEquals(1f, v, 0f); // red stays red
        for (float v : Arrays.copyOfRange(resized.data(), 48, 144)) assertEquals(0f, v, 0f);
    }

    @Test
    void unreadableImagesNameTheFile() throws IOException {
        DataFiles.image(root.resolve("a/fine.png"), DataFiles.rgb(1, 8, 6), "png");
        Path garbage = DataFiles.write(root.resolve("a/garbage.png"), "this is not a PNG".getBytes());
        byte[] png = pngBytes(DataFiles.rgb(2, 8, 6));
        Path cut = DataFiles.write(root.resolve("a/truncated.png"), Arrays.copyOf(png, png.length / 2));
        Path empty = DataFiles.write(root.resolve("a/zero.jpg"), new byte[0]);
        ImageFolderDataset ds = folder().build();
        for (Path bad : List.of(garbage, cut, empty)) {
            int index = Arrays.asList(files(ds)).indexOf(bad);
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ds.image(index), bad.toString());
            assertEquals(bad, e.file());
            assertTrue(e.getMessage().startsWith(bad + ": record " + index + ": "), e.getMessage());
        }
    }

    @Test
    void forgedHugeDimensionsFailBeforeDecoding() throws IOException {
        byte[] png = pngBytes(DataFiles.rgb(1, 8, 6));
        // IHDR data starts at byte 16: width, height; its CRC (over type and data) at byte 29.
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 200_000).putInt(20, 150_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        Path forged = DataFiles.write(root.resolve("a/forged.png"), png);
        for (boolean resize : new boolean[]{false, true}) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> folder().resize(resize).build().image(0));
            assertEquals(forged, e.file());
            assertTrue(e.getMessage().contains("200000×150000"), e.getMessage());
        }
    }

    @Test
    void emptyRootOrMissingSize() throws IOException {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> folder().build());
        assertTrue(e.getMessage().startsWith(root + ": no class sub-folders"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.builder(root).build());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ImageFolderDataset.builder(root.resolve("nope")).size(2, 2).build());
    }

    private static Path[] files(ImageFolderDataset ds) {
        Path[] out = new Path[ds.size()];
        for (int i = 0; i < out.length; i++) out[i] = ds.file(i);
        return out;
    }

    private static byte[] pngBytes(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
