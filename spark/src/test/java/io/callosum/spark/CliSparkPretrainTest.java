package io.callosum.spark;

import io.callosum.examples.cli.CallosumCli;
import io.callosum.nn.io.SafeTensors;
import io.callosum.tensor.DType;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code callosum pretrain --spark local[2]} on a tiny synthetic run: the command line's own outputs (a checkpoint per
 * epoch, last.safetensors, the report), and a run resumed from its epoch-1 checkpoint ends with the uninterrupted
 * run's checkpoint, bit for bit.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class CliSparkPretrainTest {
    private static final String[] RUN = {"--spark", "local[2]", "--unlabelled", "32", "--test", "4", "--workers", "1"};
    private static final String[] BUDGET = {"--batch", "8", "--steps", "2", "--lr", "1e-3", "--seed", "5"};

    private record Cli(int status, String out, String err) {
    }

    private static Cli pretrain(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("pretrain", "--out", out.toString()));
        args.addAll(List.of(more));
        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = CallosumCli.execute(args.toArray(new String[0]), new PrintWriter(o, true), new PrintWriter(e, true));
        Cli r = new Cli(status, o.toString(), e.toString());
        assertEquals(0, status, "exit " + status + "\n" + r.out + "\n" + r.err);
        return r;
    }

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(RUN));
        if (!List.of(more).contains("--resume")) all.addAll(List.of(BUDGET)); // a resumed run keeps the checkpoint's
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void pretrainsOnLocalSparkWithTheCommandLinesCheckpointsAndResume(@TempDir Path dir) throws Exception {
        Cli straight = pretrain(dir.resolve("straight"), with("--epochs", "2"));
        for (String f : new String[]{"epoch-1.safetensors", "epoch-2.safetensors", "last.safetensors", "report.md", "results.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("straight").resolve(f)), f + " written:\n" + straight.out);
        }
        // Spark local[2], or the suite's own context when another test class started it first
        assertTrue(straight.out.contains(": 2 workers × 4 images per local step, 1 local step(s) per round, 2 rounds per epoch"),
                straight.out);
        assertTrue(straight.out.contains("on Spark local[2]") || straight.out.contains("on the SparkContext running in this JVM"), straight.out);
        assertTrue(straight.out.contains("checkpoint: " + dir.resolve("straight/epoch-2.safetensors")), straight.out);
        assertTrue(Files.readString(dir.resolve("straight/results.json")).contains("\"step_losses\""));

        pretrain(dir.resolve("split"), with("--epochs", "1"));
        Path last = dir.resolve("split/last.safetensors");
        Cli resumed = pretrain(dir.resolve("split"), with("--resume", last.toString(), "--epochs", "2"));
        assertTrue(resumed.out.contains("resumed " + last + " after epoch 1 of 2"), resumed.out);
        assertSameTensors(dir.resolve("straight/last.safetensors"), last);
    }

    private static void assertSameTensors(Path expected, Path actual) throws Exception {
        try (Scope s = Scope.open()) {
            SafeTensors.Contents a = SafeTensors.read(expected), b = SafeTensors.read(actual);
            assertEquals(a.tensors().keySet(), b.tensors().keySet());
            for (Map.Entry<String, Tensor> e : a.tensors().entrySet()) {
                Tensor other = b.tensors().get(e.getKey());
                assertArrayEquals(e.getValue().shape(), other.shape(), e.getKey());
                if (e.getValue().dtype() == DType.FLOAT32) {
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
}
