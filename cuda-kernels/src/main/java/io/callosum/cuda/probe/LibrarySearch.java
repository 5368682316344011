package io.callosum.cuda.probe;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the backend looks for vendor libraries by file name: -Dcallosum.cuda.libraryPath, LD_LIBRARY_PATH,
 * java.library.path, then the usual system and CUDA folders. Finding the file first lets the backend load it by its
 * absolute path and give a precise reason when it is missing.
 */
public final class LibrarySearch {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/usr/local/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib");

    private final List<Path> dirs;
    private final Predicate<Path> exists;

    public LibrarySearch(List<Path> dirs, Predicate<Path> exists) {
        this.dirs = List.copyOf(dirs);
        this.exists = exists;
    }

    /** The search this process uses (real file system). */
    public static LibrarySearch fromEnvironment() {
        return new LibrarySearch(dirs(System.getProperty("callosum.cuda.libraryPath", ""), System.getenv("LD_LIBRARY_PATH"),
                System.getProperty("java.library.path", "")), Files::isRegularFile);
    }

    /** The ordered, de-duplicated folders from the given path lists followed by the system folders. */
    public static List<Path> dirs(String... pathLists) {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (String list : pathLists) {
            if (list == null) continue;
            for (String s : list.split(File.pathSeparator)) if (!s.isBlank()) out.add(Path.of(s.trim()));
        }
        for (String s : SYSTEM_DIRS) out.add(Path.of(s));
        return new ArrayList<>(out);
    }

    public Optional<Path> find(String fileName) {
        for (Path d : dirs) {
            Path p = d.resolve(fileName);
            if (exists.test(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public List<Path> dirs() {
        return dirs;
    }

    /** "LD_LIBRARY_PATH, java.library.path and N system folders" style summary for messages. */
    public String describe() {
        return dirs.size() + " folders (callosum.cuda.libraryPath, LD_LIBRARY_PATH, java.library.path, " + String.join(", ", SYSTEM_DIRS) + ")";
    }
}
