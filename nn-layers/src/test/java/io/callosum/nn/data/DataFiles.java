package io.callosum.nn.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files in the real on-disk formats, with pixel values that are easy to predict. */
final class DataFiles {
    private DataFiles() {
    }

    /** A byte that differs for every (image, channel, y, x) in the small test shapes. */
    static int pixel(int n, int c, int y, int x) {
        return (n * 31 + c * 71 + y * 7 + x * 3) & 0xff;
    }

    static byte[] idxImages(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) for (int y = 0; y < rows; y++) for (int x = 0; x < cols; x++) b.put((byte) pixel(i, 0, y, x));
        return b.array();
    }

    static byte[] idxLabels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int l : labels) b.put((byte) l);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** CIFAR records: label bytes then 3 row-major 32×32 planes. first = index of the first image (for pixel()). */
    static byte[] cifar(int[][] labelBytes, int first) {
        int labelLen = labelBytes[0].length;
        ByteBuffer b = ByteBuffer.allocate(labelBytes.length * (labelLen + 3072));
        for (int i = 0; i < labelBytes.length; i++) {
            for (int l : labelBytes[i]) b.put((byte) l);
            for (int c = 0; c < 3; c++) for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) b.put((byte) pixel(first + i, c, y, x));
        }
        return b.array();
    }

    /** STL-10 images: per channel, columns one after another (x outer, y inner), 96×96. */
    static byte[] stl10Images(int n) {
        byte[] out = new byte[n * 3 * 96 * 96];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) for (int x = 0; x < 96; x++) for (int y = 0; y < 96; y++) out[at++] = (byte) pixel(i, c, y, x);
        }
        return out;
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** An RGB image whose pixel (x, y) is (pixel(seed,0,y,x), pixel(seed,1,y,x), pixel(seed,2,y,x)). */
    static BufferedImage rgb(int seed, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (pixel(seed, 0, y, x) << 16) | (pixel(seed, 1, y, x) << 8) | pixel(seed, 2, y, x));
            }
        }
        return img;
    }

    static BufferedImage grey(int seed, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) img.getRaster().setSample(x, y, 0, pixel(seed, 0, y, x));
        return img;
    }

    static BufferedImage solid(int rgb, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) img.setRGB(x, y, rgb);
        return img;
    }

    static Path image(Path file, BufferedImage img, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) throw new IOException("no ImageIO writer for " + format);
        return file;
    }
}
