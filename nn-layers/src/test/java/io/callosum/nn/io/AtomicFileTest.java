package io.callosum.nn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {
    private static void write(Path target, byte[] bytes) throws IOException {
        AtomicFile.write(target, out -> out.write(ByteBuffer.wrap(bytes)));
    }

    private static Path temp(Path dir, String name, String hex, Instant modified) throws IOException {
        Path t = Files.writeString(dir.resolve("." + name + "." + hex + ".tmp"), "half a checkpoint");
        Files.setLastModifiedTime(t, FileTime.from(modified));
        return t;
    }

    @Test
    void replacesTheTargetAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("last.safetensors");
        write(target, new byte[]{1, 2});
        write(target, new byte[]{3, 4, 5});
        assertArrayEquals(new byte[]{3, 4, 5}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("last.safetensors");
        write(target, new byte[]{7});
        assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(ByteBuffer.wrap(new byte[]{9, 9}));
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(new byte[]{7}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aSuccessfulWriteSweepsOnlyStaleTemporariesOfItsOwnTarget(@TempDir Path dir) throws IOException {
        Instant old = Instant.now().minus(AtomicFile.STALE_AFTER).minusSeconds(60);
        Path stale = temp(dir, "last.safetensors", "1f2e3d4c5b6a7988", old);          // a killed writer's leftover
        Path fresh = temp(dir, "last.safetensors", "abc", Instant.now());              // maybe a writer at work
        Path other = temp(dir, "last.safetensors.bak", "1234", old);                   // another target's
        Path user = temp(dir, "last.safetensors", "notes", old);                       // not one of ours
        write(dir.resolve("last.safetensors"), new byte[]{1});
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(user));
    }

    @Test
    void globMetacharactersInTheNameAreEscaped(@TempDir Path dir) throws IOException {
        Instant old = Instant.now().minus(AtomicFile.STALE_AFTER).minusSeconds(60);
        Path mine = temp(dir, "run[1]*.st", "ff", old);
        Path lookalike = temp(dir, "run1x.st", "ff", old);
        write(dir.resolve("run[1]*.st"), new byte[]{1});
        assertFalse(Files.exists(mine));
        assertTrue(Files.exists(lookalike));
    }
}
