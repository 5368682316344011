package io.callosum.cuda.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the backend looks for vendor libraries by file name, in this order: -Dcallosum.cuda.libraryPath,
 * LD_LIBRARY_PATH, java.library.path, the usual system and CUDA folders, javacpp's cache (~/.javacpp/cache, where
 * bytedeco's Loader extracts its jars), and finally a jar on the class path ({@link BundledLibraries}). Finding the
 * file first lets the backend load it by absolute path, say where it came from, and give a precise reason when it is
 * missing.
 */
public final class LibrarySearch {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/usr/local/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib");
    static final String SYSTEM = "system path";

    /** A folder searched and the setting it came from. */
    public record Dir(Path path, String origin) {
    }

    /** A library file and where it was found ("LD_LIBRARY_PATH", "system path", "bytedeco jar", …). */
    public record Found(Path path, String origin) {
        /** "libcublas.so.12 from LD_LIBRARY_PATH (/opt/cuda/lib64)". */
        public String describe() {
            return path.getFileName() + " from " + origin + " (" + path.getParent() + ")";
        }
    }

    private final List<Dir> dirs;
    private final Predicate<Path> exists;
    private final Function<String, Optional<Path>> bundled;
    private final Supplier<String> bundledProblem;

    /** A search over plain folders (origin "search path"), nothing bundled. */
    public LibrarySearch(List<Path> dirs, Predicate<Path> exists) {
        this(dirs.stream().map(p -> new Dir(p, "search path")).toList(), exists, name -> Optional.empty(), () -> "");
    }

    private LibrarySearch(List<Dir> dirs, Predicate<Path> exists, Function<String, Optional<Path>> bundled, Supplier<String> bundledProblem) {
        this.dirs = List.copyOf(dirs);
        this.exists = exists;
        this.bundled = bundled;
        this.bundledProblem = bundledProblem;
    }

    /** Folders with their origins, then the bundled libraries (asked only for what no folder has). */
    public static LibrarySearch of(List<Dir> dirs, Predicate<Path> exists, Function<String, Optional<Path>> bundled) {
        return new LibrarySearch(dirs, exists, bundled, () -> "");
    }

    /** The search this process uses (real file system, this class path). */
    public static LibrarySearch fromEnvironment() {
        List<Dir> d = dirsWithOrigins(System.getProperty("callosum.cuda.libraryPath", ""), System.getenv("LD_LIBRARY_PATH"),
                System.getProperty("java.library.path", ""));
        BundledLibraries jar = BundledLibraries.fromEnvironment();
        List<Dir> all = new ArrayList<>(d);
        for (Path p : javacppCacheDirs(Path.of(System.getProperty("user.home", "/")).resolve(".javacpp/cache"), jar.prefix())) {
            all.add(new Dir(p, "javacpp cache"));
        }
        return new LibrarySearch(all, Files::isRegularFile, jar::find, jar::problem);
    }

    /** The ordered, de-duplicated folders from the given path lists followed by the system folders. */
    public static List<Path> dirs(String... pathLists) {
        return dirsWithOrigins(pathLists).stream().map(Dir::path).toList();
    }

    /**
     * As {@link #dirs} with origins: the lists are -Dcallosum.cuda.libraryPath, LD_LIBRARY_PATH and java.library.path
     * in that order; a folder listed twice keeps its first origin.
     */
    static List<Dir> dirsWithOrigins(String... pathLists) {
        String[] names = {"-Dcallosum.cuda.libraryPath", "LD_LIBRARY_PATH", "java.library.path"};
        Map<Path, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pathLists.length; i++) {
            if (pathLists[i] == null) continue;
            for (String s : pathLists[i].split(File.pathSeparator)) {
                if (!s.isBlank()) out.putIfAbsent(Path.of(s.trim()), i < names.length ? names[i] : "search path");
            }
        }
        for (String s : SYSTEM_DIRS) out.putIfAbsent(Path.of(s), SYSTEM);
        List<Dir> list = new ArrayList<>();
        out.forEach((p, o) -> list.add(new Dir(p, o)));
        return list;
    }

    /** cache/&lt;jar name&gt;/&lt;prefix&gt; for each jar javacpp has extracted (none when the cache is absent). */
    static List<Path> javacppCacheDirs(Path cache, String prefix) {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> jars = Files.list(cache)) {
            return jars.sorted().map(j -> j.resolve(prefix)).filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first folder holding fileName, else the bundled copy, with where it came from. */
    public Optional<Found> locate(String fileName) {
        for (Dir d : dirs) {
            Path p = d.path().resolve(fileName);
            if (exists.test(p)) return Optional.of(new Found(p, d.origin()));
        }
        return bundled.apply(fileName).map(p -> new Found(p, BundledLibraries.ORIGIN));
    }

    /** The file {@link #locate} finds, for callers that do not report where it came from. */
    public Optional<Path> find(String fileName) {
        return locate(fileName).map(Found::path);
    }

    /**
     * A library that must come from the same installation as {@code lib} (libcublasLt next to libcublas, cuDNN's
     * sub-libraries next to libcudnn): the same folder, or the same jar for a bundled one.
     */
    public Optional<Found> companion(Found lib, String fileName) {
        Path sibling = lib.path().resolveSibling(fileName);
        if (exists.test(sibling)) return Optional.of(new Found(sibling, lib.origin()));
        if (lib.origin().equals(BundledLibraries.ORIGIN)) return bundled.apply(fileName).map(p -> new Found(p, lib.origin()));
        return Optional.empty();
    }

    /** The folders searched, in order; a bundled jar comes after them all. */
    public List<Path> dirs() {
        return dirs.stream().map(Dir::path).toList();
    }

    /** "N folders (…)" summary for messages, with a failed extraction if there was one. */
    public String describe() {
        String problem = bundledProblem.get();
        return dirs.size() + " folders (callosum.cuda.libraryPath, LD_LIBRARY_PATH, java.library.path, " + String.join(", ", SYSTEM_DIRS)
                + ", ~/.javacpp/cache) and the class path (" + BundledLibraries.DEFAULT_PREFIX + " of org.bytedeco:cuda:…:linux-x86_64-redist)"
                + (problem.isEmpty() ? "" : "; " + problem);
    }
}
