package io.callosum.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Temporary files of interrupted writes: removed by the shutdown hook on SIGINT, and by a start-up sweep after SIGKILL. */
class AtomicFileCleanupTest {
    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Process startWriter(Path target, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AtomicFileInterruptChild.class.getName(), target.toString()));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Waits for the child's "writing" line: its temporary file then exists and holds part of the content. */
    private static void awaitWriting(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) if (l.equals("writing")) return l;
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertEquals("writing", line, "the child JVM never started writing");
    }

    private static void signal(Process p, String sig) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + sig + " failed");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit after SIG" + sig);
    }

    @Test
    void sigintDuringAWriteRemovesItsTemporaryAndKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("last.safetensors");
        Files.write(target, new byte[]{1, 2, 3});
        Process p = startWriter(target);
        try {
            awaitWriting(p);
            assertEquals(2, names(dir).size(), "expected the target and the child's temporary file: " + names(dir));
            signal(p, "INT");
            assertEquals(130, p.exitValue(), "exit status of a JVM ended by SIGINT");
            assertEquals(Set.of("last.safetensors"), names(dir), "the shutdown hook left a temporary file");
            assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aWriteThatFinishesWithinTheGraceAfterSigintCompletes(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("last.safetensors");
        Files.write(target, new byte[]{1, 2, 3});
        Process p = startWriter(target, "1000");
        try {
            awaitWriting(p);
            signal(p, "INT");
            assertEquals(Set.of("last.safetensors"), names(dir));
            assertEquals(4096, Files.size(target), "the write in progress at SIGINT should have finished and replaced the file");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigkillLeavesATemporaryThatTheStartUpSweepRemoves(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("last.safetensors");
        Process p = startWriter(target);
        try {
            awaitWriting(p);
            signal(p, "KILL");
        } finally {
            p.destroyForcibly();
        }
        Set<String> left = names(dir);
        assertEquals(1, left.size(), "SIGKILL runs no hook: its temporary stays until a sweep " + left);
        String tmp = left.iterator().next();
        assertTrue(tmp.matches("\\.last\\.safetensors\\.[0-9a-f]+\\.tmp"), tmp);
        Files.writeString(dir.resolve("notes.tmp"), "not ours");               // no leading dot
        Files.writeString(dir.resolve(".cache.tmp"), "not ours");              // no hex part
        Files.createDirectory(dir.resolve(".x.abc.tmp"));                      // a folder, not a leftover file
        assertEquals(List.of(dir.resolve(tmp)), AtomicFile.sweepTemporaries(dir));
        assertEquals(Set.of("notes.tmp", ".cache.tmp", ".x.abc.tmp"), names(dir));
        assertEquals(List.of(), AtomicFile.sweepTemporaries(dir), "a second sweep finds nothing");
        assertEquals(List.of(), AtomicFile.sweepTemporaries(dir.resolve("missing")), "a missing folder has nothing to sweep");
    }

    @Test
    void theSweepSparesAWriteInProgressInThisJvm(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("w.safetensors");
        CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                AtomicFile.write(target, out -> {
                    out.write(ByteBuffer.wrap(new byte[]{4, 5}));
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(List.of(), AtomicFile.sweepTemporaries(dir), "swept the temporary of a write still at work");
        release.countDown();
        writer.get(30, TimeUnit.SECONDS);
        assertArrayEquals(new byte[]{4, 5}, Files.readAllBytes(target));
        assertEquals(Set.of("w.safetensors"), names(dir));
    }
}
