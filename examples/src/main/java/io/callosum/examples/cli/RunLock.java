package io.callosum.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock file that makes an output folder one run's while it runs. The operating system's file lock is what
 * counts: it dies with its process, so a lock file left by a killed run is stale and taken over; the file's text
 * (pid, command, start time) is only there to name the holder.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".callosum.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String staleHolder;

    private RunLock(Path file, FileChannel channel, FileLock lock, String staleHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.staleHolder = staleHolder;
    }

    /** Takes the folder's lock for command, or fails at once (exit 2) naming the run that holds it. */
    static RunLock acquire(Path dir, String command) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by another run in this JVM
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        String previous = read(channel);
        if (lock == null) {
            channel.close();
            throw new CliUsageException("--out " + dir + ": another run is writing to this folder ("
                    + (previous.isBlank() ? "holder unknown" : previous) + "); wait for it to finish or choose another --out");
        }
        try {
            String me = command + ", pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new RunLock(file, channel, lock, previous.isBlank() ? null : previous);
    }

    /** The holder named by a lock file whose process had ended (it was killed), or null when there was none. */
    String staleHolder() {
        return staleHolder;
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // read until full or end of file
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
