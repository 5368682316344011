package io.callosum.examples.cli;

import io.callosum.tensor.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every argument error is one line on the error stream and a non-zero exit status, never a stack trace. */
class CliErrorsTest {
    /** One line, starting with the command's name, containing each fragment; usage errors exit with 2. */
    private static CliRun assertOneLineError(CliRun r, String command, String... fragments) {
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().startsWith(command + ": "), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' missing in:\n" + r);
        assertFalse(r.err().contains("\tat "), r.toString());
        return r;
    }

    @Test
    void unknownSubcommandListsTheCommands() {
        assertOneLineError(CliRun.of("pretrian"), "callosum", "unknown command 'pretrian'", "pretrain", "demo", "colorize");
    }

    @Test
    void unknownOption() {
        assertOneLineError(CliRun.of("demo", "--epoch", "3"), "callosum demo", "--epoch", "callosum demo --help");
    }

    @Test
    void missingDataPath(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        assertOneLineError(CliRun.of("probe", "--data", missing.toString()), "callosum probe", missing.toString(), "no such file or directory");
    }

    @Test
    void dataFileInsteadOfFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertOneLineError(CliRun.of("pretrain", "--data", file.toString()), "callosum pretrain", "is a file");
    }

    @Test
    void greyDataForSplitBrainSaysWhatToDoInstead() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        assertOneLineError(CliRun.of("pretrain", "--data", "fashion-mnist"), "callosum pretrain", "grey-scale", "reproduce fewshot");
    }

    @Test
    void missingImage(@TempDir Path dir) {
        Path missing = dir.resolve("photo.jpg");
        assertOneLineError(CliRun.of("colorize", missing.toString()), "callosum colorize", missing.toString(), "no such image file");
    }

    @Test
    void unreadableImage(@TempDir Path dir) throws Exception {
        Path notAnImage = Files.writeString(dir.resolve("photo.png"), "this is text, not a PNG");
        assertOneLineError(CliRun.of("colorize", notAnImage.toString()), "callosum colorize", notAnImage.toString(), "not an image");
    }

    @Test
    void badDeviceName() {
        assertOneLineError(CliRun.of("demo", "--device", "gpu0"), "callosum demo", "'gpu0' is not a device", "cpu, cuda or cuda:N");
        assertOneLineError(CliRun.of("pretrain", "--device", "cuda:x"), "callosum pretrain", "'cuda:x' is not a device");
    }

    @Test
    void cudaWithoutAGpuFailsAtOnceInOneSentence() {
        Assumptions.assumeFalse(Backends.isAvailable("cuda"), "this machine has a usable GPU");
        long t0 = System.nanoTime();
        CliRun r = assertOneLineError(CliRun.of("demo", "--device", "cuda"), "callosum demo", "cuda:0", "not available");
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "the device is checked before any work");
        assertEquals("", r.out(), r.toString());
    }

    @Test
    void badArchitectureAndColourSpaceNames() {
        assertOneLineError(CliRun.of("pretrain", "--arch", "vgg16"), "callosum pretrain", "unknown architecture 'vgg16'", "simplenet");
        assertOneLineError(CliRun.of("pretrain", "--space", "hsv"), "callosum pretrain", "unknown colour space 'hsv'", "rescaled-lab");
    }

    @Test
    void checkpointThatIsNotOne(@TempDir Path dir) throws Exception {
        Path bogus = Files.write(dir.resolve("model.safetensors"), new byte[]{1, 2, 3});
        CliRun r = CliRun.of("probe", "--checkpoint", bogus.toString(), "--train", "4", "--test", "4");
        assertTrue(r.status() != 0, r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains(bogus.toString()), r.toString());
    }
}
