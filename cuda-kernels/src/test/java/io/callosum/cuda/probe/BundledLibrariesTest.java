package io.callosum.cuda.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Libraries from a redist jar on the class path, with a small fake jar in bytedeco's layout holding dummy files: the
 * lookup, the one-time extraction, and how the plan and the probe line use them (no real library is loaded).
 */
class BundledLibrariesTest {
    @TempDir
    Path tmp;

    Path fakeRedistJar(Map<String, String> files) throws IOException {
        Path jar = tmp.resolve("cuda-12.6-9.5-1.5.11-linux-x86_64-redist.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new JarEntry(BundledLibraries.DEFAULT_PREFIX + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    static URLClassLoader classPath(Path... entries) throws IOException {
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) urls[i] = entries[i].toUri().toURL();
        return new URLClassLoader(urls, null);
    }

    @Test
    void aLibraryInTheJarIsExtractedOnceIntoTheCacheAndReused() throws IOException {
        Path jar = fakeRedistJar(Map.of("libcublas.so.12", "dummy cublas", "libcublasLt.so.12", "dummy cublasLt"));
        Path cache = tmp.resolve("cache");
        try (URLClassLoader cp = classPath(jar)) {
            BundledLibraries b = new BundledLibraries(cp, BundledLibraries.DEFAULT_PREFIX, cache);
            Path lib = b.find("libcublas.so.12").orElseThrow();
            assertTrue(lib.startsWith(cache), lib + " lies in the cache folder");
            assertEquals("libcublas.so.12", lib.getFileName().toString(), "the soname is kept as the file name");
            assertEquals("dummy cublas", Files.readString(lib));
            FileTime first = Files.getLastModifiedTime(lib);
            Files.setLastModifiedTime(lib, FileTime.fromMillis(first.toMillis() - 60_000));
            assertEquals(lib, b.find("libcublas.so.12").orElseThrow());
            assertEquals(first.toMillis() - 60_000, Files.getLastModifiedTime(lib).toMillis(), "not copied again");
            try (var parts = Files.list(lib.getParent())) {
                assertTrue(parts.noneMatch(p -> p.toString().endsWith(".part")), "no temporary files left");
            }
            assertEquals(Optional.empty(), b.find("libcudnn.so.9"), "not in the jar");
            assertEquals("", b.problem());
        }
    }

    @Test
    void aTruncatedCopyIsReplaced() throws IOException {
        Path jar = fakeRedistJar(Map.of("libcudnn.so.9", "the whole cudnn"));
        try (URLClassLoader cp = classPath(jar)) {
            BundledLibraries b = new BundledLibraries(cp, BundledLibraries.DEFAULT_PREFIX, tmp.resolve("cache"));
            Path lib = b.find("libcudnn.so.9").orElseThrow();
            Files.writeString(lib, "the wh");
            assertEquals("the whole cudnn", Files.readString(b.find("libcudnn.so.9").orElseThrow()));
        }
    }

    @Test
    void aClassPathFolderIsUsedInPlace() throws IOException {
        Path dir = tmp.resolve("classes");
        Path lib = dir.resolve(BundledLibraries.DEFAULT_PREFIX).resolve("libcudnn.so.9");
        Files.createDirectories(lib.getParent());
        Files.writeString(lib, "dummy");
        try (URLClassLoader cp = classPath(dir)) {
            assertEquals(lib, new BundledLibraries(cp, BundledLibraries.DEFAULT_PREFIX, tmp.resolve("cache")).find("libcudnn.so.9").orElseThrow());
        }
    }

    @Test
    void thePlanLoadsEverythingFromTheJarInDependencyOrderAndSaysSo() throws IOException {
        Path jar = fakeRedistJar(Map.of("libcublas.so.12", "a", "libcublasLt.so.12", "b", "libcudnn.so.9", "c",
                "libcudnn_graph.so.9", "d", "libcudnn_ops.so.9", "e", "libcudnn_cnn.so.9", "f", "libcudnn_engines_precompiled.so.9", "g"));
        Path cache = tmp.resolve("cache");
        try (URLClassLoader cp = classPath(jar)) {
            BundledLibraries b = new BundledLibraries(cp, BundledLibraries.DEFAULT_PREFIX, cache);
            LibrarySearch nothingInstalled = LibrarySearch.of(List.of(new LibrarySearch.Dir(Path.of("/usr/lib/x86_64-linux-gnu"), "system path")),
                    p -> false, b::find);

            VendorPlan.Choice cublas = VendorPlan.cublas(true, nothingInstalled, Optional.empty(), Optional.empty());
            assertEquals(VendorPlan.Kind.USE, cublas.kind());
            assertEquals(List.of("libcublasLt.so.12", "libcublas.so.12"), names(cublas.preload()), "Lt first: libcublas depends on it");
            assertTrue(cublas.preload().stream().allMatch(p -> p.startsWith(cache)));
            assertTrue(cublas.label().startsWith("cuBLAS (libcublas.so.12 from bytedeco jar (" + cache), cublas.label());

            VendorPlan.Choice cudnn = VendorPlan.cudnn(true, nothingInstalled);
            assertEquals(List.of("libcudnn_graph.so.9", "libcudnn_engines_precompiled.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn.so.9"),
                    names(cudnn.preload()), "the sub-libraries the jar has, dependencies first, libcudnn.so.9 last");
            assertEquals(names(cudnn.preload().subList(0, 4)), names(cudnn.optional()), "only libcudnn.so.9 itself is required");
            assertTrue(cudnn.label().startsWith("cuDNN (libcudnn.so.9 from bytedeco jar"), cudnn.label());
        }
    }

    @Test
    void anInstalledLibraryWinsOverTheJarAndKeepsItsOwnCompanions() throws IOException {
        Path jar = fakeRedistJar(Map.of("libcublas.so.12", "a", "libcublasLt.so.12", "b"));
        try (URLClassLoader cp = classPath(jar)) {
            BundledLibraries b = new BundledLibraries(cp, BundledLibraries.DEFAULT_PREFIX, tmp.resolve("cache"));
            Path sys = Path.of("/usr/local/cuda/lib64");
            LibrarySearch s = LibrarySearch.of(List.of(new LibrarySearch.Dir(Path.of("/opt/ld"), "LD_LIBRARY_PATH"), new LibrarySearch.Dir(sys, "system path")),
                    p -> p.equals(sys.resolve("libcublas.so.12")), b::find);
            VendorPlan.Choice c = VendorPlan.cublas(true, s, Optional.empty(), Optional.empty());
            assertEquals(List.of(sys.resolve("libcublas.so.12")), c.preload(), "no libcublasLt next to it: none taken from the jar either");
            assertEquals("cuBLAS (libcublas.so.12 from system path (/usr/local/cuda/lib64))", c.label());
            assertFalse(Files.exists(tmp.resolve("cache")), "nothing extracted when the system has the library");
        }
    }

    @Test
    void javacppsCacheFoldersAreFoundPerJar() throws IOException {
        Path cache = tmp.resolve(".javacpp/cache");
        Path d = cache.resolve("cuda-12.6-9.5-1.5.11-linux-x86_64-redist.jar").resolve(BundledLibraries.DEFAULT_PREFIX);
        Files.createDirectories(d);
        Files.createDirectories(cache.resolve("other.jar"));
        assertEquals(List.of(d), LibrarySearch.javacppCacheDirs(cache, BundledLibraries.DEFAULT_PREFIX));
        assertEquals(List.of(), LibrarySearch.javacppCacheDirs(tmp.resolve("absent"), BundledLibraries.DEFAULT_PREFIX));
    }

    static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }
}
