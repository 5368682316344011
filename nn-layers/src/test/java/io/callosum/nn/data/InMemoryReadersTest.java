package io.callosum.nn.data;

import io.callosum.nn.data.CifarDataset.Cifar100Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readers parse bytes held in memory exactly as they parse the mapped file: same items, same errors. The fuzz
 * targets read in memory, so this is what makes their findings (and their absence) hold for files.
 */
class InMemoryReadersTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return DataFiles.write(dir.resolve(name), content);
    }

    private static ByteSource inMemory(Path file) throws IOException {
        return ByteSource.of(file, Files.readAllBytes(file));
    }

    private static void assertSameItems(Dataset fromFile, Dataset fromMemory) {
        assertEquals(fromFile.name(), fromMemory.name());
        assertEquals(fromFile.size(), fromMemory.size());
        assertTrue(fromFile.size() > 0);
        for (int i = 0; i < fromFile.size(); i++) {
            assertArrayEquals(fromFile.image(i).data(), fromMemory.image(i).data(), "image " + i);
            assertEquals(fromFile.label(i), fromMemory.label(i), "label " + i);
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void idx(boolean gzip) throws IOException {
        byte[] images = DataFiles.idxImages(5, 4, 6), labels = DataFiles.idxLabels(new int[]{0, 9, 3, 3, 7});
        Path img = file("images", gzip ? DataFiles.gzip(images) : images);
        Path lab = file("labels", gzip ? DataFiles.gzip(labels) : labels);
        List<String> classes = IdxDataset.FASHION_MNIST_CLASSES;
        assertSameItems(IdxDataset.open(img, lab, classes, "idx"), IdxDataset.open(inMemory(img), inMemory(lab), classes, "idx"));
    }

    @Test
    void cifar() throws IOException {
        Path ten = file("cifar10.bin", DataFiles.cifar(new int[][]{{3}, {9}}, 0));
        assertSameItems(CifarDataset.cifar10(List.of(ten)), CifarDataset.cifar10Of(List.of(inMemory(ten))));
        Path hundred = file("cifar100.bin", DataFiles.cifar(new int[][]{{4, 40}, {19, 99}}, 0));
        assertSameItems(CifarDataset.cifar100(List.of(hundred), Cifar100Label.FINE),
                CifarDataset.cifar100Of(List.of(inMemory(hundred)), Cifar100Label.FINE));
    }

    @Test
    void stl10() throws IOException {
        Path x = file("x.bin", DataFiles.stl10Images(2)), y = file("y.bin", new byte[]{1, 10});
        assertSameItems(Stl10Dataset.open(x, y, "stl"), Stl10Dataset.open(inMemory(x), inMemory(y), "stl"));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void aTruncatedFileFailsAlikeNamingTheFile(boolean gzip) throws IOException {
        byte[] cut = Arrays.copyOf(DataFiles.idxImages(5, 4, 6), 16 + 3 * 24 + 5);
        Path img = file("cut", gzip ? DataFiles.gzip(cut) : cut);
        List<String> classes = IdxDataset.FASHION_MNIST_CLASSES;
        DatasetFormatException fromFile = assertThrows(DatasetFormatException.class, () -> IdxDataset.open(img, null, classes, "x"));
        DatasetFormatException fromMemory = assertThrows(DatasetFormatException.class,
                () -> IdxDataset.open(inMemory(img), null, classes, "x"));
        assertEquals(fromFile.getMessage(), fromMemory.getMessage());
        assertEquals(img, fromMemory.file());
        assertEquals(3, fromMemory.record());
    }

    @Test
    void theDecoderVerifiesBytesAsItVerifiesFiles() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(DataFiles.grey(1, 12, 10), "png", png);
        byte[] bytes = png.toByteArray();
        Path f = file("a.png", bytes);
        ImageDecoder strict = new ImageDecoder(3, 10, 12, false, false);
        DatasetFormatException fromFile = assertThrows(DatasetFormatException.class, () -> strict.verify(f, 0));
        DatasetFormatException fromBytes = assertThrows(DatasetFormatException.class, () -> strict.verify(bytes, f.toString(), 0));
        assertEquals(fromFile.getMessage(), fromBytes.getMessage());
        assertTrue(fromBytes.problem().contains("grey-scale"), fromBytes.problem());
        new ImageDecoder(3, 10, 12, false, true).verify(bytes, f.toString(), 0); // passes with grey expansion
    }

    @Test
    void aLowerPixelCeilingRefusesLargerImagesBeforeDecoding() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(DataFiles.rgb(1, 12, 10), "png", png);
        byte[] bytes = png.toByteArray();
        ImageDecoder capped = new ImageDecoder(3, 8, 8, true, false, 119);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> capped.verify(bytes, "a.png", 0));
        assertTrue(e.problem().contains("unsupported size of 12×10") && e.problem().contains("at most 119 pixels"), e.problem());
        assertEquals(8, new ImageDecoder(3, 8, 8, true, false, 120).decode(bytes, "a.png", 0).height());
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(3, 8, 8, true, false, ImageDecoder.MAX_PIXELS + 1));
    }
}
