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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The up-front check of an image folder: class structure, and every damaged file named before training starts. */
class ImageFolderCheckTest {
    @TempDir
    Path root;

    private ImageFolderDataset open(Path dir) throws IOException {
        return ImageFolderDataset.builder(dir).size(32, 32).resize(true).expandGrey(true).build();
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no writer for " + format);
        return out.toByteArray();
    }

    private void images(Path dir, int n, int seed) throws IOException {
        for (int i = 0; i < n; i++) DataFiles.image(dir.resolve("img" + i + ".png"), DataFiles.rgb(seed + i, 32, 32), "png");
    }

    @Test
    void anEmptyClassFolderIsRefusedNamingIt() throws IOException {
        images(root.resolve("cat"), 2, 0);
        Files.createDirectories(root.resolve("dog"));
        Files.writeString(root.resolve("dog/readme.txt"), "images go here");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> open(root));
        assertEquals(root.resolve("dog"), e.file());
        assertTrue(e.getMessage().contains("class folder 'dog' holds no PNG or JPEG images"), e.getMessage());
    }

    @Test
    void aSymlinkedClassFolderIsFollowed() throws IOException {
        images(root.resolve("cat"), 2, 0);
        Path elsewhere = root.resolveSibling(root.getFileName() + "-elsewhere").resolve("dogs");
        images(elsewhere, 3, 10);
        try {
            Files.createSymbolicLink(root.resolve("dog"), elsewhere);
            ImageFolderCheck.Result r = ImageFolderCheck.of(open(root)).run();
            assertEquals(List.of("cat", "dog"), r.classes());
            assertEquals(List.of(2L, 3L), Arrays.stream(r.classCounts()).boxed().toList(), "the linked class had 0 images");
        } finally {
            for (int i = 0; i < 3; i++) Files.deleteIfExists(elsewhere.resolve("img" + i + ".png"));
            Files.deleteIfExists(elsewhere);
            Files.deleteIfExists(elsewhere.getParent());
        }
    }

    @Test
    void oneClassOrClassesThatDifferFromTheOtherSplitFail() throws IOException {
        images(root.resolve("train/cat"), 2, 0);
        images(root.resolve("test/cat"), 1, 5);
        images(root.resolve("test/dog"), 1, 6);
        ImageFolderDataset train = open(root.resolve("train")), test = open(root.resolve("test"));
        DatasetCheckException one = assertThrows(DatasetCheckException.class, () -> ImageFolderCheck.of(train).run());
        assertEquals(root.resolve("train") + ": has 1 class folder (cat) but at least 2 are needed: put each class's images "
                + "in its own sub-folder", one.getMessage());
        assertEquals(1, ImageFolderCheck.of(train).minClasses(1).run().classes().size(), "unlabelled use allows one class");
        DatasetCheckException differ = assertThrows(DatasetCheckException.class,
                () -> ImageFolderCheck.of(test).sameClassesAs(train).run());
        assertTrue(differ.getMessage().contains("has classes [cat, dog] but " + root.resolve("train") + " has [cat]"), differ.getMessage());
    }

    @Test
    void aClassWhoseImagesAreAllBadFailsEvenWhenSkipping() throws IOException {
        images(root.resolve("cat"), 2, 0);
        DataFiles.write(root.resolve("dog/a.png"), new byte[0]);
        ImageFolderDataset ds = open(root);
        DatasetCheckException e = assertThrows(DatasetCheckException.class, () -> ImageFolderCheck.of(ds).skipBadImages(true).run());
        assertEquals(root.resolve("dog"), e.file());
        assertTrue(e.getMessage().contains("class folder 'dog' has no good image left after skipping 1 bad ones"), e.getMessage());
    }

    /** A damaged copy of a valid file, in one of several ways, and what the check must say about it. */
    private record Damage(String name, String expectedReasonStart) {
    }

    /**
     * The CI-sized mutation run: 60 images in 3 classes (PNG, JPEG, CMYK JPEG), 10 of them damaged in 10 ways. The
     * check must name exactly the damaged files, and with skipping, training must read every other image and none of
     * the damaged ones.
     */
    @Test
    void everyDamagedFileIsNamedAndNoneReachesTraining() throws IOException {
        Random rnd = new Random(7);
        byte[] cmyk;
        try (InputStream in = getClass().getResourceAsStream("cmyk.jpg")) {
            cmyk = in.readAllBytes();
        }
        List<Path> all = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 20; i++) {
                int k = c * 20 + i;
                String ext = k % 3 == 0 ? "png" : "jpg";
                Path f = root.resolve("class" + c).resolve(String.format("%02d.%s", k, ext));
                byte[] content = k % 10 == 4 ? cmyk : encode(DataFiles.rgb(k, 32 + k % 5, 32), ext.equals("jpg") ? "jpg" : "png");
                all.add(DataFiles.write(f, content));
            }
        }
        Map<Path, Damage> damaged = new TreeMap<>();
        damage(all.get(1), damaged, bytes -> Arrays.copyOf(bytes, bytes.length * 2 / 3), "truncated JPEG (2/3)", "has damaged image data");
        damage(all.get(2), damaged, bytes -> Arrays.copyOf(bytes, 200), "JPEG cut in its header", "cannot decode the image");
        damage(all.get(3), damaged, bytes -> Arrays.copyOf(bytes, bytes.length / 2), "truncated PNG (1/2)", "is a truncated or damaged PNG");
        damage(all.get(6), damaged, bytes -> Arrays.copyOf(bytes, bytes.length - 12), "PNG without IEND", "is a truncated PNG");
        damage(all.get(13), damaged, bytes -> new byte[0], "zero bytes", "is empty (0 bytes)");
        damage(all.get(22), damaged, bytes -> "<html>404 not found</html>".getBytes(), "text named .jpg", "is not a PNG or JPEG image");
        damage(all.get(27), damaged, bytes -> {
            byte[] b = bytes.clone();
            for (int i = 0; i < 16; i++) b[i] = (byte) rnd.nextInt();
            return b;
        }, "garbage header", "is not a PNG or JPEG image");
        damage(all.get(33), damaged, bytes -> {
            byte[] b = bytes.clone();
            b[b.length / 2] ^= 0x40;
            return b;
        }, "bit flip inside a PNG", "is a damaged PNG (CRC mismatch");
        Path dangling = root.resolve("class2/99.png");
        Files.createSymbolicLink(dangling, root.resolve("gone.png"));
        damaged.put(dangling, new Damage("dangling link", "cannot open the image file"));
        Path fifthOfAPng = all.get(48);
        damage(fifthOfAPng, damaged, bytes -> Arrays.copyOf(bytes, bytes.length / 5), "PNG cut to a fifth", "is a truncated");

        ImageFolderDataset ds = open(root);
        assertEquals(61, ds.size());
        DatasetCheckException e = assertThrows(DatasetCheckException.class, () -> ImageFolderCheck.of(ds).threads(3).run());
        assertEquals(damaged.keySet(), files(e.badImages()), "the check must name exactly the damaged files");
        Path first = damaged.keySet().iterator().next();
        assertTrue(e.getMessage().startsWith(first + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("(and 9 more bad images); fix or remove it, or skip bad images"), e.getMessage());
        for (ImageFolderCheck.BadImage b : e.badImages()) {
            Damage d = damaged.get(b.file());
            assertTrue(b.reason().startsWith(d.expectedReasonStart), d.name + ": " + b);
        }

        ImageFolderCheck.Result r = ImageFolderCheck.of(ds).skipBadImages(true).run();
        assertEquals(61, r.checkedFiles());
        assertEquals(51, r.dataset().size());
        assertEquals(damaged.keySet(), files(r.badImages()));
        assertTrue(r.summary().contains("61 images checked in"), r.summary());
        assertTrue(r.summary().endsWith(", 10 bad images skipped"), r.summary());
        Set<Path> trained = new HashSet<>();
        try (DataLoader loader = DataLoader.builder(r.dataset()).batchSize(8).shuffle(true).seed(1).workers(2).build()) {
            for (Batch b : loader) {
                try (b) {
                    for (int i : b.indices()) trained.add(r.dataset().file(i));
                    assertEquals(3, b.images().shape()[1]);
                }
            }
        }
        assertEquals(51, trained.size(), "training must read every good image");
        for (Path p : trained) assertFalse(damaged.containsKey(p), "a damaged file reached training: " + p);
    }

    private interface Mutation {
        byte[] apply(byte[] bytes);
    }

    private static void damage(Path file, Map<Path, Damage> damaged, Mutation m, String name, String reason) throws IOException {
        Files.write(file, m.apply(Files.readAllBytes(file)));
        damaged.put(file, new Damage(name, reason));
    }

    private static Set<Path> files(List<ImageFolderCheck.BadImage> bad) {
        Set<Path> out = new java.util.TreeSet<>();
        for (ImageFolderCheck.BadImage b : bad) out.add(b.file());
        return out;
    }
}
