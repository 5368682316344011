package io.callosum.examples.cli;

import io.callosum.nn.io.AtomicFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code --out} folder of one run, prepared before any work: checked writable with a real write, locked
 * against a second run ({@link RunLock}), cleared of temporary files that killed writes left, and refused when it
 * holds another run's outputs — unless the run resumes that one, or {@code --overwrite} first deletes that run's
 * outputs (only those: a manifest lists the files that were in the folder before it, which stay).
 */
final class RunFolder implements AutoCloseable {
    /** The manifest: which run wrote into this folder, and which files were there before it. */
    static final String MANIFEST = ".callosum-run";
    /** What a folder written before manifests existed holds when a run wrote it. */
    private static final List<String> LEGACY_OUTPUTS = List.of("report.md", "results.json", "last.safetensors");

    /** How the run may treat the outputs of an earlier run in the folder. */
    enum Reuse {
        /** refuse them */
        NEW,
        /** delete them first */
        OVERWRITE,
        /** continue that run: keep them */
        RESUME,
        /** a command that writes single files, each checked on its own (colorize): the folder is shared */
        SHARED
    }

    private final Path dir;
    private final RunLock lock;
    /** The outermost folder this run created for dir (dir itself or an ancestor), or null when dir existed. */
    private final Path created;
    /** The files that were in the folder before this run, when this run wrote the manifest; else null. */
    private final Set<String> before;

    private RunFolder(Path dir, RunLock lock, Path created, Set<String> before) {
        this.dir = dir;
        this.lock = lock;
        this.created = created;
        this.before = before;
    }

    Path dir() {
        return dir;
    }

    /** Prepares dir for command (see the class comment); notes on what was cleared go to log. */
    static RunFolder open(Path dir, String command, Reuse reuse, PrintWriter log) throws IOException {
        Path created = null;
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) created = p;
        requireWritable(dir);
        RunLock lock = RunLock.acquire(dir, command);
        try {
            if (lock.staleHolder() != null) log.println("--out " + dir + ": took over the lock of a run that is no longer running (" + lock.staleHolder() + ")");
            List<Path> swept = AtomicFile.sweepTemporaries(dir);
            if (!swept.isEmpty()) log.println("--out " + dir + ": removed " + swept.size() + " temporary file(s) left by an interrupted write");
            Set<String> before = reuse == Reuse.SHARED ? null : claim(dir, command, reuse, log);
            return new RunFolder(dir, lock, created, before);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Creates dir and writes (then deletes) a file in it, so that a folder training cannot write to fails now. */
    static void requireWritable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliUsageException("--out " + dir + ": is a file; give a folder for the run's outputs");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new CliUsageException("--out " + dir + ": cannot create the folder: " + failure(e, dir));
        } catch (IOException e) {
            throw new CliUsageException("--out " + dir + ": cannot create the folder: " + e.getMessage());
        }
        Path probe = dir.resolve(".callosum-write-probe-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[]{1});
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new CliUsageException("--out " + dir + ": cannot write into the folder: " + failure(e, dir));
        } catch (IOException e) {
            throw new CliUsageException("--out " + dir + ": cannot write into the folder: " + e.getMessage());
        }
    }

    private static String failure(FileSystemException e, Path dir) {
        String reason = Errors.reason(e);
        return e.getFile() == null || e.getFile().equals(dir.toString()) || e instanceof AccessDeniedException ? reason : e.getFile() + ": " + reason;
    }

    /**
     * Refuses, deletes or keeps an earlier run's outputs, then records this run in the manifest; returns the files
     * that were there before this run when it wrote the manifest (null when it continues another run's).
     */
    private static Set<String> claim(Path dir, String command, Reuse reuse, PrintWriter log) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        Set<String> before = Files.isRegularFile(manifest) ? keptFiles(manifest) : null;
        Set<String> present = files(dir);
        List<String> earlier = new ArrayList<>();
        for (String f : present) {
            if (before != null ? !before.contains(f) : LEGACY_OUTPUTS.contains(f) || f.matches("epoch-\\d+\\.safetensors")) earlier.add(f);
        }
        if (reuse == Reuse.RESUME) {
            if (before != null) return null;
            Set<String> kept = withoutAll(present, earlier);
            writeManifest(manifest, command, kept);
            return kept;
        }
        if (!earlier.isEmpty() && reuse == Reuse.NEW) {
            String who = before != null ? " (" + header(manifest) + ")" : "";
            throw new CliUsageException("--out " + dir + ": holds the outputs of an earlier run" + who + ": " + list(earlier)
                    + "; pass --overwrite to delete them first, resume that run, or choose another --out");
        }
        for (String f : earlier) Files.deleteIfExists(dir.resolve(f));
        if (!earlier.isEmpty()) {
            deleteEmptyFolders(dir);
            log.println("--out " + dir + ": --overwrite deleted " + earlier.size() + " file(s) of the earlier run");
        }
        Set<String> kept = withoutAll(present, earlier);
        writeManifest(manifest, command, kept);
        return kept;
    }

    private static Set<String> withoutAll(Set<String> all, List<String> removed) {
        Set<String> s = new TreeSet<>(all);
        removed.forEach(s::remove);
        return s;
    }

    /** Every regular file under dir, relative, except the lock and the manifest. */
    private static Set<String> files(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.equals(RunLock.FILE) && !n.equals(MANIFEST)).forEach(out::add);
        }
        return out;
    }

    private static void deleteEmptyFolders(Path dir) throws IOException {
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(dir)) {
            folders = walk.filter(p -> !p.equals(dir) && Files.isDirectory(p)).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path f : folders) {
            try (Stream<Path> entries = Files.list(f)) {
                if (entries.findAny().isEmpty()) Files.delete(f);
            }
        }
    }

    private static void writeManifest(Path manifest, String command, Set<String> kept) throws IOException {
        StringBuilder sb = new StringBuilder("# " + command + ", pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n");
        sb.append("# the files below were in this folder before that run; the others are its outputs\n");
        for (String k : kept) sb.append(k).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(manifest, out -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
        });
    }

    private static Set<String> keptFiles(Path manifest) throws IOException {
        Set<String> kept = new TreeSet<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) if (!line.startsWith("#") && !line.isBlank()) kept.add(line);
        return kept;
    }

    private static String header(Path manifest) throws IOException {
        try (Stream<String> lines = Files.lines(manifest, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(l -> l.replaceFirst("^# ", "")).orElse("unknown");
        }
    }

    private static String list(List<String> files) {
        int shown = Math.min(3, files.size());
        String s = String.join(", ", files.subList(0, shown));
        return files.size() > shown ? s + " and " + (files.size() - shown) + " more" : s;
    }

    /**
     * Releases the lock. A run that wrote nothing (it failed on its options or its data) leaves the folder as it
     * found it: its manifest is removed, and the folders this run created (--out and its missing parents) when empty.
     */
    @Override
    public void close() throws IOException {
        try {
            if (before != null && files(dir).equals(before)) Files.deleteIfExists(dir.resolve(MANIFEST));
        } finally {
            lock.close();
        }
        for (Path p = dir.toAbsolutePath().normalize(); created != null && p != null && p.startsWith(created); p = p.getParent()) {
            try (Stream<Path> entries = Files.list(p)) {
                if (entries.findAny().isPresent()) return;
            }
            try {
                Files.delete(p);
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                return; // another run started writing into it after the lock was released, or it is gone already
            }
        }
    }
}
