package io.callosum.examples.cli;

import io.callosum.nn.io.SafeTensors;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pretrain writes a checkpoint per epoch; --resume continues bit-exactly; probe/finetune/colorize rebuild the network
 * from a checkpoint alone. Tiny budgets throughout.
 */
class PretrainWorkflowTest {
    private static final String[] DATA = {"--unlabelled", "24", "--workers", "1"};

    private static CliRun pretrain(Path out, String... more) {
        String[] args = concat(new String[]{"pretrain", "--out", out.toString()}, DATA, more);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.toString());
        return r;
    }

    @Test
    void resumeContinuesExactlyAndCheckpointsFeedTheOtherCommands(@TempDir Path dir) throws Exception {
        String[] budget = {"--batch", "8", "--steps", "2", "--lr", "1e-3", "--seed", "5"};
        pretrain(dir.resolve("straight"), concat(budget, new String[]{"--epochs", "2"}));
        CliRun first = pretrain(dir.resolve("split"), concat(budget, new String[]{"--epochs", "1"}));
        assertTrue(first.out().contains("checkpoint: " + dir.resolve("split/epoch-1.safetensors")), first.toString());
        assertTrue(Files.readString(dir.resolve("split/results.json")).contains("\"colorization_auc\""), "a Lab pretraining scores its colorization");
        assertTrue(Files.readString(dir.resolve("split/report.md")).contains("rebalanced AuC"));
        Path last = dir.resolve("split/last.safetensors");
        CliRun resumed = pretrain(dir.resolve("split"), "--resume", last.toString(), "--epochs", "2");
        assertTrue(resumed.out().contains("resumed " + last + " after epoch 1 of 2"), resumed.toString());
        assertTrue(Files.isRegularFile(dir.resolve("split/epoch-2.safetensors")));
        assertSameCheckpoint(dir.resolve("straight/last.safetensors"), last);

        CliRun done = CliRun.of(concat(new String[]{"pretrain", "--resume", last.toString(), "--epochs", "2", "--out", dir.resolve("split").toString()}, DATA));
        assertEquals(2, done.status(), done.toString());
        assertTrue(done.err().contains("has finished its 2 epoch(s)"), done.toString());
        CliRun changed = CliRun.of(concat(new String[]{"pretrain", "--resume", last.toString(), "--lr", "0.1", "--epochs", "3"}, DATA));
        assertEquals(2, changed.status(), changed.toString());
        assertTrue(changed.err().contains("--lr: a resumed run keeps the checkpoint's settings"), changed.toString());

        // colorize with the checkpoint, as a comparison strip
        BufferedImage picture = TestImages.picture(48, 40, 2);
        Path in = TestImages.writePng(picture, dir.resolve("pic.png"));
        CliRun col = CliRun.of("colorize", in.toString(), "--checkpoint", last.toString(), "--compare", "--out", dir.resolve("col").toString());
        assertEquals(0, col.status(), col.toString());
        assertTrue(col.out().contains("grey (ab = 0)") && !col.out().contains("prior ("), "a checkpoint brings no prior:\n" + col);
        BufferedImage strip = ImageIO.read(dir.resolve("col/pic-compare.png").toFile());
        assertEquals(48 + 8, strip.getWidth());
        assertEquals(3 * (40 + 4) + 4, strip.getHeight());

        // fine-tune from the checkpoint; an architecture option next to a checkpoint is refused
        CliRun ft = CliRun.of("finetune", "--checkpoint", last.toString(), "--train", "16", "--test", "8", "--epochs", "1",
                "--steps", "1", "--batch", "8", "--out", dir.resolve("ft").toString());
        assertEquals(0, ft.status(), ft.toString());
        assertTrue(ft.out().contains("fine-tuned split-brain:"), ft.toString());
        assertTrue(Files.readString(dir.resolve("ft/results.json")).contains("\"top1\""));
        CliRun both = CliRun.of("finetune", "--checkpoint", last.toString(), "--arch", "resnet18");
        assertEquals(2, both.status(), both.toString());
        assertTrue(both.err().contains("the checkpoint decides the network"), both.toString());
    }

    /** Same tensors bit for bit, same step/epoch and loss history. */
    private static void assertSameCheckpoint(Path expected, Path actual) throws Exception {
        try (Scope s = Scope.open()) {
            SafeTensors.Contents a = SafeTensors.read(expected), b = SafeTensors.read(actual);
            assertEquals(a.tensors().keySet(), b.tensors().keySet());
            for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
                Tensor other = b.tensors().get(e.getKey());
                assertArrayEquals(e.getValue().shape(), other.shape(), e.getKey());
                if (e.getValue().dtype() == io.callosum.tensor.DType.FLOAT32) {
                    assertArrayEquals(e.getValue().toFloatArray(), other.toFloatArray(), 0f, e.getKey());
                } else {
                    assertArrayEquals(e.getValue().toIntArray(), other.toIntArray(), e.getKey());
                }
            }
            for (String k : new String[]{"step", "epoch", "extra.step_losses", "extra.epoch_losses"}) {
                assertEquals(a.metadata().get(k), b.metadata().get(k), k);
            }
        }
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
