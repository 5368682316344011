package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running out of heap ends the command with a few lines of advice and exit status 3, not a stack trace. */
class OutOfMemoryCliTest {
    @Test
    void anOutOfMemoryErrorSaysTheHeapTheSizesAndWhatToChange(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        // a batch of 2048 colour images (with its Lab targets and activations) cannot fit a 48 MiB heap
        Process p = ChildJvm.start(CallosumCli.class, "48m", log, "pretrain", "--unlabelled", "2048", "--batch", "2048",
                "--steps", "1", "--epochs", "1", "--workers", "0", "--out", dir.resolve("out").toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child JVM did not end");
        String said = Files.readString(log);
        assertEquals(Errors.OUT_OF_MEMORY, p.exitValue(), said);
        assertTrue(said.contains("callosum pretrain: out of memory"), said);
        assertTrue(said.contains("the Java heap holds at most ") && said.contains(" MiB (Runtime.maxMemory)"), said);
        assertTrue(said.contains("--batch 2048") && said.contains("--unlabelled 2048"), said);
        assertTrue(said.contains("CALLOSUM_JAVA_OPTS=-Xmx2g"), said);
        assertFalse(said.contains("\tat "), said);
    }
}
