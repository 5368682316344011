package io.callosum.nn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Scratch files for fuzz targets, which hand the readers paths: one folder per JVM, in memory where Linux has /dev/shm. */
public final class FuzzFiles {
    private FuzzFiles() {
    }

    public static Path scratchDir(String prefix) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, prefix) : Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites file (creating its folder) with content; file and new folders are deleted when the JVM exits. */
    public static Path write(Path file, byte[] content) throws IOException {
        Deque<Path> created = new ArrayDeque<>();
        for (Path p = file.getParent(); p != null && !Files.isDirectory(p); p = p.getParent()) created.push(p);
        Files.createDirectories(file.getParent());
        for (Path p : created) p.toFile().deleteOnExit(); // outermost first: deleteOnExit deletes in reverse order
        Files.write(file, content);
        file.toFile().deleteOnExit();
        return file;
    }

    static Path fixed(Path file, byte[] content) {
        try {
            return write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
