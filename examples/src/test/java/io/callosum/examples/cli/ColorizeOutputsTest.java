package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** colorize never loses a picture: one distinct output per input, never over an input, nothing replaced without --overwrite. */
class ColorizeOutputsTest {
    private static final String[] QUICK = {"--quick-steps", "1", "--quick-batch", "2", "--size", "32", "--workers", "0"};

    private static void assertRefused(CliRun r, String... fragments) {
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' missing in:\n" + r);
    }

    @Test
    void sameNamedInputsGetDistinctOutputsAndNoneIsReplacedWithoutOverwrite(@TempDir Path dir) throws Exception {
        Path a = TestImages.writePng(TestImages.picture(40, 32, 1), dir.resolve("a/p.png"));
        Path b = TestImages.writePng(TestImages.picture(40, 32, 2), dir.resolve("b/p.png"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", a.toString(), b.toString(), "--out", out.toString()}, QUICK));
        assertEquals(0, r.status(), r.toString());
        Path first = out.resolve("p-colorized.png"), second = out.resolve("p-2-colorized.png");
        assertTrue(r.out().contains(a + " → " + first) && r.out().contains(b + " → " + second), r.toString());
        byte[] firstBytes = Files.readAllBytes(first);
        assertFalse(java.util.Arrays.equals(firstBytes, Files.readAllBytes(second)), "two pictures, two colorizations");

        CliRun again = CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", a.toString(), "--out", out.toString()}, QUICK));
        assertRefused(again, first + ": exists", "--overwrite");
        assertArrayEquals(firstBytes, Files.readAllBytes(first), "the refused run left the picture alone");

        CliRun replaced = CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", a.toString(), "--out", out.toString(), "--overwrite"}, QUICK));
        assertEquals(0, replaced.status(), replaced.toString());
    }

    @Test
    void anOutputThatIsAnInputOrExistsIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path p = TestImages.writePng(TestImages.picture(40, 32, 1), dir.resolve("p.png"));
        byte[] original = Files.readAllBytes(p);
        assertRefused(CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", p.toString(), "-o", p.toString()}, QUICK)),
                "--output " + p + ": would overwrite the input " + p);
        Path sameFile = dir.resolve(".").resolve("p.png");
        assertRefused(CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", p.toString(), "-o", sameFile.toString(), "--overwrite"}, QUICK)),
                "would overwrite the input");
        assertArrayEquals(original, Files.readAllBytes(p));

        Path existing = Files.writeString(dir.resolve("mine.png"), "not to be lost");
        assertRefused(CliRun.of(PretrainWorkflowTest.concat(new String[]{"colorize", p.toString(), "-o", existing.toString()}, QUICK)),
                "--output " + existing + ": exists");
        assertEquals("not to be lost", Files.readString(existing));
    }
}
