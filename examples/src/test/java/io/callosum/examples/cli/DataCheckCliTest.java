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

    /**
     * A class folder this user cannot list: a folder without permissions, or, as root (who may list any folder), a
     * link to /proc/1/map_files, which the kernel refuses to list without CAP_SYS_ADMIN.
     */
    @Test
    void anUnreadableClassFolderSaysWhatFailed(@TempDir Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = folderWithABadFile(dir);
        Path birds = data.resolve("birds");
        if (root) Files.createSymbolicLink(birds, Path.of("/proc/1/map_files"));
        else Files.createDirectories(birds).toFile().setReadable(false, false);
        boolean unreadable;
        try (var entries = Files.list(birds)) {
            unreadable = entries.count() < 0;
        } catch (java.nio.file.AccessDeniedException e) {
            unreadable = true;
        } catch (java.io.UncheckedIOException e) { // opened, but reading the entries was refused
            unreadable = e.getCause() instanceof java.nio.file.AccessDeniedException;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unreadable, "no folder this user cannot list on this machine");
        try {
            CliRun r = CliRun.of(probe(data, dir.resolve("out"), "--skip-bad-images"));
            assertEquals(2, r.status(), r.toString());
            assertEquals(1, r.errLines(), r.toString());
            assertTrue(r.err().contains(birds + ": permission denied"), r.toString());
        } finally {
            birds.toFile().setReadable(true, false);
        }
    }
}
