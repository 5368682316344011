package io.callosum.nn.data;

import io.callosum.nn.data.CifarDataset.Cifar100Label;
import io.callosum.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutation testing of every reader: valid files with flipped bytes, forged header fields, truncations and
 * appended garbage. Whatever the input, opening and then reading every item either works or throws a
 * {@link DatasetFormatException} naming the file (or an IOException) — never another exception, an
 * OutOfMemoryError or a hang.
 */
class ReaderMutationTest {
    @TempDir
    Path dir;

    interface Reader {
        Dataset open(Path file) throws IOException;
    }

    private int run(String format, byte[] valid, int inputs, long seed, Reader reader) {
        Generator g = new Generator(seed);
        int[] outcomes = new int[2]; // opened and read, rejected
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < inputs; i++) {
                byte[] input = mutate(valid, g);
                Path file = DataFiles.write(dir.resolve(format + "-" + i), input);
                try {
                    Dataset ds = reader.open(file);
                    for (int k = 0; k < ds.size(); k++) {
                        ds.image(k);
                        int label = ds.label(k);
                        assertTrue(label >= -1 && label < ds.numClasses(), "label " + label);
                    }
                    outcomes[0]++;
                } catch (DatasetFormatException e) {
                    assertTrue(e.getMessage().startsWith(e.file().toString()), e.getMessage());
                    assertTrue(e.file().startsWith(dir), e.getMessage());
                    outcomes[1]++;
                } catch (IOException | UncheckedIOException e) {
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(format + " input " + i + " (" + input.length + " bytes, seed " + seed + "): undocumented "
                            + e, e);
                }
                Files.delete(file);
            }
        });
        System.out.printf("%s: %d mutated inputs, %d read fully, %d rejected with a documented exception%n",
                format, inputs, outcomes[0], outcomes[1]);
        return outcomes[0] + outcomes[1];
    }

    /** One of: byte flips, a forged big-endian int in the first 32 bytes, truncation, appended garbage, or a mix. */
    static byte[] mutate(byte[] valid, Generator g) {
        byte[] b = valid.clone();
        int kind = g.nextInt(5);
        if (kind == 0 || kind == 4) {
            for (int k = 1 + g.nextInt(8); k > 0; k--) b[g.nextInt(b.length)] ^= (byte) (1 + g.nextInt(255));
        }
        if (kind == 1 || kind == 4) {
            int[] forged = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 16, 1 << 24, (int) g.nextLong()};
            int at = g.nextInt(Math.max(1, Math.min(32, b.length) - 3));
            int v = forged[g.nextInt(forged.length)];
            for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = (byte) (v >>> (24 - 8 * k));
        }
        if (kind == 2) b = Arrays.copyOf(b, g.nextInt(b.length));
        if (kind == 3) {
            byte[] longer = Arrays.copyOf(b, b.length + 1 + g.nextInt(100));
            for (int k = b.length; k < longer.length; k++) longer[k] = (byte) g.nextInt(256);
            b = longer;
        }
        return b;
    }

    @Test
    void idxRawAndGzip() throws IOException {
        List<String> ten = IdxDataset.FASHION_MNIST_CLASSES;
        Path labels = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[]{1, 2, 3, 4, 5, 6}));
        Path images = DataFiles.write(dir.resolve("images"), DataFiles.idxImages(6, 5, 4));
        int n = run("idx images", DataFiles.idxImages(6, 5, 4), 600, 1, f -> IdxDataset.open(f, labels, ten, "fuzz"));
        n += run("idx images gzip", DataFiles.gzip(DataFiles.idxImages(6, 5, 4)), 600, 2, f -> IdxDataset.open(f, labels, ten, "fuzz"));
        n += run("idx labels", DataFiles.idxLabels(new int[]{1, 2, 3, 4, 5, 6}), 400, 3, f -> IdxDataset.open(images, f, ten, "fuzz"));
        n += run("idx labels gzip", DataFiles.gzip(DataFiles.idxLabels(new int[]{1, 2, 3, 4, 5, 6})), 400, 4,
                f -> IdxDataset.open(images, f, ten, "fuzz"));
        assertTrue(n == 2000);
    }

    @Test
    void cifarAndStl10() throws IOException {
        run("cifar-10", DataFiles.cifar(new int[][]{{1}, {9}, {0}}, 0), 400, 5, f -> CifarDataset.cifar10(List.of(f)));
        run("cifar-100", DataFiles.cifar(new int[][]{{1, 50}, {19, 99}}, 0), 400, 6, f -> CifarDataset.cifar100(List.of(f), Cifar100Label.FINE));
        Path labels = DataFiles.write(dir.resolve("y"), new byte[]{1, 10});
        Path images = DataFiles.write(dir.resolve("x"), DataFiles.stl10Images(2));
        run("stl-10 images", DataFiles.stl10Images(2), 150, 7, f -> Stl10Dataset.open(f, labels, "fuzz"));
        run("stl-10 labels", new byte[]{1, 10}, 200, 8, f -> Stl10Dataset.open(images, f, "fuzz"));
    }

    @Test
    void imageFolderPngAndJpeg() throws IOException {
        for (String format : new String[]{"png", "jpg"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(DataFiles.rgb(3, 12, 10), format, out);
            for (boolean resize : new boolean[]{false, true}) {
                run("image folder " + format + (resize ? " resized" : ""), out.toByteArray(), 250, format.length() + (resize ? 10 : 0), f -> {
                    Path classDir = dir.resolve("root-" + format + "/c");
                    Files.createDirectories(classDir);
                    Path img = classDir.resolve("x." + format);
                    Files.move(f, img, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(img, f); // run() deletes f afterwards
                    return ImageFolderDataset.builder(classDir.getParent()).size(10, 12).resize(resize).build();
                });
            }
        }
    }
}
