package io.callosum.splitbrain.reliability;

import io.callosum.nn.io.Checkpoint;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A pretraining run in a real child JVM is killed with SIGKILL at random moments (during steps and during checkpoint
 * writes) and restarted until it finishes; after every kill the checkpoint on disk must load, and the final weights
 * must equal, bit for bit, those of an uninterrupted run with the same seed.
 */
class KillResumeTest {
    @Test
    void sigkillAtRandomPointsThenResumeMatchesAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path clean = Files.createDirectories(dir.resolve("clean")), killed = Files.createDirectories(dir.resolve("killed"));
        assertEquals(0, child(clean).waitFor(), "uninterrupted child run");

        Generator pick = new Generator(5);
        int kills = 0, runs = 0;
        while (true) {
            Process p = child(killed);
            runs++;
            long delayMs = 600 + pick.nextInt(2500);
            if (kills < 4 && !p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor();
                kills++;
                Path ckpt = killed.resolve("checkpoint.safetensors");
                if (Files.exists(ckpt)) {
                    Pretrainer probe = KillResumeChild.pretrainer();
                    probe.resume(ckpt); // must never be corrupt
                }
                continue;
            }
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child finishes");
            assertEquals(0, p.exitValue(), "resumed child run");
            break;
        }
        System.out.printf("kill/resume: %d kills over %d child runs%n", kills, runs);
        assertTrue(kills >= 1, "at least one run was killed");

        Map<String, Tensor> a = weights(clean), b = weights(killed);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.get(k).toFloatArray(), k));
    }

    private static Map<String, Tensor> weights(Path dir) throws Exception {
        SplitBrainNet net = KillResumeChild.pretrainer().net();
        Checkpoint.loadWeights(dir.resolve("final.safetensors"), net);
        return net.stateDict();
    }

    private static Process child(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), KillResumeChild.class.getName(), dir.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }
}
