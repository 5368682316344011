package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command reading an image folder decodes every image before its first step: a bad file stops it at once in one
 * sentence (exit 2), or with --skip-bad-images is dropped and listed; either way one summary line says what was checked.
 */
class DataCheckCliTest {
    /** Two classes of 6 pictures each, plus a text file named like a PNG in the second. */
    private static Path folderWithABadFile(Path dir) throws Exception {
        Path root = dir.resolve("pictures");
        for (int i = 0; i < 6; i++) {
            TestImages.writePng(TestImages.picture(40, 40, i), root.resolve("cats/c" + i + ".png"));
            TestImages.writePng(TestImages.picture(40, 40, 10 + i), root.resolve("dogs/d" + i + ".png"));
        }
        Files.writeString(root.resolve("dogs/notes.png"), "this is not a picture");
        return root;
    }

    private static String[] probe(Path data, Path out, String... more) {
        return PretrainWorkflowTest.concat(new String[]{"probe", "--data", data.toString(), "--image-size", "32", "--probe-epochs", "1",
                "--workers", "0", "--out", out.toString()}, more);
    }

    @Test
    void aBadImageStopsTheCommandBeforeItsFirstStepInOneSentence(@TempDir Path dir) throws Exception {
        Path root = folderWithABadFile(dir);
        CliRun r = CliRun.of(probe(root, dir.resolve("out")));
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains(root.resolve("dogs/notes.png").toString()) && r.err().contains("skip bad images"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertFalse(r.out().contains("epoch"), "nothing was trained:\n" + r);
    }

    @Test
    void skipBadImagesDropsAndListsThemAndTheSummarySaysWhatWasChecked(@TempDir Path dir) throws Exception {
        Path root = folderWithABadFile(dir);
        CliRun r = CliRun.of(probe(root, dir.resolve("out"), "--skip-bad-images"));
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("checked " + root + ": 13 images in 2 classes decoded in "), r.toString());
        assertTrue(r.out().contains("1 bad image(s) skipped:"), r.toString());
        assertTrue(r.out().contains("  skipped " + root.resolve("dogs/notes.png") + ": "), r.toString());
    }

    @Test
    void anUnreadableClassFolderSaysWhatFailed(@TempDir Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        org.junit.jupiter.api.Assumptions.assumeFalse(root, "root reads any folder, so an unreadable one cannot be made as root");
        Path data = folderWithABadFile(dir);
        Path dogs = data.resolve("dogs");
        assertTrue(dogs.toFile().setReadable(false, false) && dogs.toFile().setExecutable(false, false));
        try {
            CliRun r = CliRun.of(probe(data, dir.resolve("out")));
            assertEquals(2, r.status(), r.toString());
            assertTrue(r.err().contains(dogs.toString()) && r.err().contains("permission denied"), r.toString());
        } finally {
            dogs.toFile().setReadable(true, false);
            dogs.toFile().setExecutable(true, false);
        }
    }
}
