package io.callosum.nn.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a crash at any moment leaves either the complete old file or the complete new one: the
 * content goes to a temporary file in the same directory, is forced to disk, renamed over the target in one atomic
 * step, and the directory entry is then forced too. If writing fails, the temporary file is deleted and the old
 * file is untouched. A process killed mid-write may leave a temporary {@code .NAME.*.tmp} file behind, never a torn
 * target; the next successful write of the same target deletes such leftovers once they are older than
 * {@link #STALE_AFTER} (younger ones may belong to another writer still at work). A JVM shutting down normally (end of
 * main, {@code System.exit}, SIGINT/SIGTERM) lets the writes it has in progress finish for a few seconds and deletes
 * the temporary files of those that do not, and
 * {@link #sweepTemporaries(Path)} clears a folder of leftovers at start-up (SIGKILL runs no shutdown hook).
 */
public final class AtomicFile {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);
    /** Age after which a temporary file of a target is taken to be a killed writer's leftover. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    /** The names createTemp gives: a dot, the target's name, a dot, up to 16 hex digits, ".tmp". */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");
    /** Temporary files of writes in progress in this JVM, deleted by a shutdown hook if the JVM exits mid-write. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    /** How long the shutdown hook lets writes in progress finish (e.g. a final checkpoint) before deleting their files. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deleteInProgress, "callosum-atomic-file-cleanup"));
        } catch (IllegalStateException shuttingDown) {
            // first used from another shutdown hook: its writes run to their end or die with the JVM
        }
    }

    private AtomicFile() {
    }

    /** Writes the whole content to the channel (which is positioned at 0 of an empty file). */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's whole content to out. */
        void writeTo(FileChannel out) throws IOException;
    }

    /** Writes target through a temporary file renamed into place, so a crash leaves the old file or the new one. */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        Path tmp = createTemp(dir, file.getFileName().toString());
        IN_PROGRESS.add(tmp);
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.force(true);
            }
            move(tmp, file);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        } finally {
            IN_PROGRESS.remove(tmp);
        }
        syncDirectory(dir);
        sweepStale(dir, file.getFileName().toString(), Instant.now().minus(STALE_AFTER));
    }

    /**
     * Deletes every temporary file an interrupted write left in {@code dir} (any target, any age; not those of writes
     * in progress in this JVM) and returns them. For start-up, on an output folder no other process writes to: a
     * SIGKILL mid-write leaves its temporary file until then. A missing folder has none; entries that cannot be
     * deleted are logged and skipped.
     */
    public static List<Path> sweepTemporaries(Path dir) throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) return deleted;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path t : entries) {
                if (!TEMP_NAME.matcher(t.getFileName().toString()).matches() || IN_PROGRESS.contains(t.toAbsolutePath().normalize())) continue;
                if (!Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) continue;
                try {
                    if (Files.deleteIfExists(t)) deleted.add(t);
                } catch (IOException e) {
                    LOG.warn("cannot remove {}, left behind by an interrupted write: {}", t, e.toString());
                }
            }
        }
        if (!deleted.isEmpty()) LOG.info("deleted {} temporary file(s) left behind by interrupted writes in {}", deleted.size(), dir);
        return deleted;
    }

    /**
     * The shutdown hook: lets writes in progress finish for up to {@link #SHUTDOWN_GRACE} (threads run on while hooks
     * do, and another hook may be waiting for a last checkpoint), then removes the temporary files of those that did
     * not; their writers then fail, and the old files stay as they were.
     */
    private static void deleteInProgress() {
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (!IN_PROGRESS.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        for (Path t : IN_PROGRESS) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException e) {
                // the JVM is exiting; sweepTemporaries at the next start-up removes what is left
            }
        }
    }

    /** Deletes the target's temporary files last modified before {@code cutoff}; failures are logged, not thrown. */
    static void sweepStale(Path dir, String name, Instant cutoff) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, tempGlob(name))) {
            for (Path t : temps) {
                String middle = t.getFileName().toString();
                middle = middle.substring(name.length() + 2, middle.length() - 4);
                if (!middle.matches("[0-9a-f]{1,16}")) continue; // another target's temporary (".a.b.<hex>.tmp" for "a")
                try {
                    if (Files.getLastModifiedTime(t).toInstant().isBefore(cutoff) && Files.deleteIfExists(t)) {
                        LOG.info("deleted {}, left behind by an interrupted write of {}", t.getFileName(), name);
                    }
                } catch (IOException e) {
                    LOG.debug("cannot remove stale temporary file {}: {}", t, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} for stale temporary files: {}", dir, e.toString());
        }
    }

    /** The glob of {@link #createTemp}'s names for a target (glob metacharacters in the name escaped). */
    static String tempGlob(String name) {
        return "." + name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1") + ".*.tmp";
    }

    /** A fresh file next to the target, created with the default permissions (unlike Files.createTempFile's 0600). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
    }

    private static void move(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable. Some platforms (Windows) cannot open a directory for syncing; nothing to do there. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {} after an atomic rename: {}", dir, e.toString());
        }
    }
}
