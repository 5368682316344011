package io.callosum.examples.cli;

import io.callosum.nn.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --data: names, and folders recognised by what they hold. */
class DataSourcesTest {
    private static Data open(String data, Integer train, Integer test) throws Exception {
        DataOptions o = new DataOptions(data);
        o.train = train;
        o.test = test;
        o.imageSize = 32;
        return DataSources.open(o, 7);
    }

    @Test
    void syntheticSizesAndHiddenLabels() throws Exception {
        DataOptions o = new DataOptions("synthetic");
        o.unlabelled = 5;
        o.train = 6;
        o.test = 7;
        Data d = DataSources.open(o, 0);
        assertEquals(List.of(5, 6, 7), List.of(d.unlabelled().size(), d.train().size(), d.test().size()));
        assertEquals(-1, d.unlabelled().label(0));
        assertTrue(d.train().label(0) >= 0);
        assertArrayEquals(new int[]{3, 96, 96}, d.imageShape());
    }

    @Test
    void imageFolderIsSplit80To20BySeedWithoutOverlap(@TempDir Path dir) throws Exception {
        String[] classes = {"cat", "dog"};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 5; i++) TestImages.writePng(TestImages.picture(40, 30, 10 * c + i), dir.resolve(classes[c]).resolve(i + ".png"));
        }
        Data d = open(dir.toString(), null, null);
        assertEquals(8, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(List.of("cat", "dog"), d.train().classNames());
        assertArrayEquals(new int[]{3, 32, 32}, d.imageShape(), "resized to --image-size");
        Set<String> seen = new HashSet<>();
        for (Dataset s : List.of(d.train(), d.test())) for (int i = 0; i < s.size(); i++) seen.add(Arrays.toString(s.image(i).data()));
        assertEquals(10, seen.size(), "train and test are disjoint");
        assertEquals(-1, d.unlabelled().label(0), "pretraining does not see labels");
    }

    @Test
    void imageFolderWithTrainAndTestSubfolders(@TempDir Path dir) throws Exception {
        for (String split : new String[]{"train", "test"}) {
            for (String c : new String[]{"a", "b", "c"}) TestImages.writePng(TestImages.picture(16, 16, 1), dir.resolve(split).resolve(c).resolve("x.png"));
        }
        Data d = open(dir.toString(), null, null);
        assertEquals(3, d.train().size());
        assertEquals(3, d.test().size());
        assertEquals(3, d.train().numClasses());
    }

    @Test
    void cifar10BinariesInTheirArchiveFolder(@TempDir Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) cifarBatch(d.resolve("data_batch_" + b + ".bin"), 4, b);
        cifarBatch(d.resolve("test_batch.bin"), 3, 9);
        Data data = open(dir.toString(), 6, null);
        assertTrue(data.description().startsWith("CIFAR-10"), data.description());
        assertEquals(6, data.train().size(), "a seeded sample of --train images");
        assertEquals(3, data.test().size());
        assertArrayEquals(new int[]{3, 32, 32}, data.imageShape());
    }

    @Test
    void stl10Binaries(@TempDir Path dir) throws Exception {
        for (String split : new String[]{"train", "test"}) {
            Files.write(dir.resolve(split + "_X.bin"), new byte[2 * 3 * 96 * 96]);
            Files.write(dir.resolve(split + "_y.bin"), new byte[]{1, 10});
        }
        Data data = open(dir.toString(), null, null);
        assertTrue(data.description().startsWith("STL-10"), data.description());
        assertEquals(9, data.train().label(1));
        assertArrayEquals(new int[]{3, 96, 96}, data.imageShape());
    }

    @Test
    void idxFiles(@TempDir Path dir) throws Exception {
        for (String prefix : new String[]{"train", "t10k"}) {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
                out.writeInt(0x803);
                out.writeInt(2);
                out.writeInt(28);
                out.writeInt(28);
                out.write(new byte[2 * 28 * 28]);
            }
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
                out.writeInt(0x801);
                out.writeInt(2);
                out.write(new byte[]{3, 4});
            }
        }
        Data data = open(dir.toString(), null, null);
        assertArrayEquals(new int[]{1, 28, 28}, data.imageShape());
        CliUsageException e = assertThrows(CliUsageException.class, data::requireSplitBrainImages);
        assertTrue(e.getMessage().contains("grey-scale"), e.getMessage());
    }

    @Test
    void folderWithNothingRecognisable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "nothing here");
        Exception e = assertThrows(Exception.class, () -> open(dir.toString(), null, null));
        assertTrue(e.getMessage().contains("no class sub-folders"), e.getMessage());
    }

    @Test
    void badSizes() {
        CliUsageException e = assertThrows(CliUsageException.class, () -> open("synthetic", 0, null));
        assertTrue(e.getMessage().contains("--train must be at least 1"), e.getMessage());
    }

    private static void cifarBatch(Path file, int records, int label) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int r = 0; r < records; r++) {
                out.write(label % 10);
                out.write(new byte[3 * 32 * 32]);
            }
        }
    }
}
