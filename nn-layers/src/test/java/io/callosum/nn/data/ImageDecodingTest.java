package io.callosum.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images the JDK's readers decode wrongly or silently in part: CMYK JPEGs, truncated JPEGs, PNGs cut or bit-flipped. */
class ImageDecodingTest {
    @TempDir
    Path root;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageDecodingTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return in.readAllBytes();
        }
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no writer for " + format);
        return out.toByteArray();
    }

    private ImageFolderDataset folder(int h, int w) throws IOException {
        return ImageFolderDataset.builder(root).size(h, w).build();
    }

    /** Decodes one file placed alone in class folder a, at the given size. */
    private Image decodeAlone(String name, byte[] content, int h, int w) throws IOException {
        DataFiles.write(root.resolve("a").resolve(name), content);
        return folder(h, w).image(0);
    }

    private DatasetFormatException rejected(String name, byte[] content, int h, int w) throws IOException {
        Path file = DataFiles.write(root.resolve("a").resolve(name), content);
        ImageFolderDataset ds = folder(h, w);
        int index = Arrays.asList(paths(ds)).indexOf(file);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ds.image(index), name);
        assertEquals(file, e.file());
        DatasetFormatException v = assertThrows(DatasetFormatException.class, () -> ds.verify(index), name);
        assertEquals(e.getMessage(), v.getMessage(), "verify() and image() disagree");
        return e;
    }

    private static Path[] paths(ImageFolderDataset ds) {
        Path[] out = new Path[ds.size()];
        for (int i = 0; i < out.length; i++) out[i] = ds.file(i);
        return out;
    }

    /** PIL's decode of the same file (stored as a PNG next to it); the JDK's own reader was off by up to 0.3 here. */
    @Test
    void cmykJpegMatchesPil() throws IOException {
        Image got = decodeAlone("cmyk.jpg", resource("cmyk.jpg"), 48, 64);
        BufferedImage pil = ImageIO.read(new java.io.ByteArrayInputStream(resource("cmyk-pil-decoded.png")));
        double worst = 0, sum = 0;
        int plane = 48 * 64;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = pil.getRGB(x, y);
                int[] want = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    double d = Math.abs(got.data()[c * plane + y * 64 + x] - want[c] / 255.0);
                    worst = Math.max(worst, d);
                    sum += d;
                }
            }
        }
        // libjpeg versions round their IDCT differently: a few levels at most, less than one on average
        assertTrue(worst <= 4 / 255.0, "largest difference from PIL " + worst * 255 + " levels");
        assertTrue(sum / (3 * plane) <= 1 / 255.0, "mean difference from PIL " + sum / (3 * plane) * 255 + " levels");
    }

    @Test
    void truncatedJpegsAreRejectedNotFilledWithGrey() throws IOException {
        BufferedImage img = DataFiles.rgb(3, 48, 40);
        byte[] jpeg = encode(img, "jpg");
        for (int keep : new int[]{jpeg.length * 2 / 3, jpeg.length - 2, 300}) {
            DatasetFormatException e = rejected("cut" + keep + ".jpg", Arrays.copyOf(jpeg, keep), 40, 48);
            assertTrue(e.problem().contains("damaged image data") || e.problem().contains("cannot decode"), e.getMessage());
            Files.delete(e.file());
        }
    }

    @Test
    void damagedPngsAreRejected() throws IOException {
        byte[] png = encode(DataFiles.rgb(4, 24, 16), "png");
        assertTrue(rejected("no-iend.png", Arrays.copyOf(png, png.length - 12), 16, 24).problem().startsWith("is a truncated PNG"));
        Files.delete(root.resolve("a/no-iend.png"));
        byte[] flipped = png.clone();
        flipped[png.length - 30] ^= 0x10; // inside the image data, which inflates to other pixels without complaint
        assertTrue(rejected("flipped.png", flipped, 16, 24).problem().startsWith("is a damaged PNG (CRC mismatch in the IDAT chunk"));
        Files.delete(root.resolve("a/flipped.png"));
        byte[] trailing = Arrays.copyOf(png, png.length + 3); // junk after IEND: the image itself is complete, as PIL agrees
        assertEquals(DataFiles.pixel(4, 2, 15, 23) / 255f, decodeAlone("trailing.png", trailing, 16, 24).get(2, 15, 23));
    }

    @Test
    void emptyOrNonImageFilesSayWhat() throws IOException {
        assertEquals("is empty (0 bytes)", rejected("zero.png", new byte[0], 8, 8).problem());
        Files.delete(root.resolve("a/zero.png"));
        assertEquals("is not a PNG or JPEG image (unrecognised content)",
                rejected("notes.jpg", "shopping list\n".getBytes(), 8, 8).problem());
    }

    @Test
    void intactImagesStillDecodeExactly() throws IOException {
        BufferedImage img = DataFiles.rgb(5, 12, 10);
        Image got = decodeAlone("ok.png", encode(img, "png"), 10, 12);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                assertEquals(DataFiles.pixel(5, 1, y, x) / 255f, got.get(1, y, x));
            }
        }
    }
}
