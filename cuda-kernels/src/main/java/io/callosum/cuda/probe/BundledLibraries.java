package io.callosum.cuda.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Vendor libraries shipped inside a jar on the class path: by default the layout of
 * {@code org.bytedeco:cuda:…:linux-x86_64-redist}, whose jar holds {@code org/bytedeco/cuda/linux-x86_64/libcublas.so.12},
 * {@code libcudnn.so.9} and the rest. A library found there is extracted once into the cache folder
 * ({@code -Dcallosum.cuda.cacheDir}, a sub-folder per jar content) and loaded from the file; one in a class-path
 * folder is used in place. {@code -Dcallosum.cuda.bundledPrefix} changes the resource folder.
 */
public final class BundledLibraries {
    /** The resource folder of the bytedeco CUDA redist jar for linux-x86_64. */
    public static final String DEFAULT_PREFIX = "org/bytedeco/cuda/linux-x86_64/";
    /** The origin a library found here reports in the probe line. */
    public static final String ORIGIN = "bytedeco jar";

    private final ClassLoader loader;
    private final String prefix;
    private final Path cacheBase;
    private String problem = "";

    /** Libraries under {@code prefix} on {@code loader}'s class path, extracted into a folder under {@code cacheBase}. */
    public BundledLibraries(ClassLoader loader, String prefix, Path cacheBase) {
        this.loader = loader;
        this.prefix = prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/";
        this.cacheBase = cacheBase;
    }

    /** The class path of this class, the configured prefix and cache folder. */
    public static BundledLibraries fromEnvironment() {
        return new BundledLibraries(BundledLibraries.class.getClassLoader(),
                System.getProperty("callosum.cuda.bundledPrefix", DEFAULT_PREFIX), cacheBase());
    }

    /** -Dcallosum.cuda.cacheDir, default java.io.tmpdir/callosum-cuda-&lt;user&gt;: where built or extracted libraries go. */
    public static Path cacheBase() {
        return Path.of(System.getProperty("callosum.cuda.cacheDir",
                Path.of(System.getProperty("java.io.tmpdir"), "callosum-cuda-" + System.getProperty("user.name", "user")).toString()));
    }

    /** The library as a file: in place for a class-path folder, extracted (once) for a jar; empty when not bundled. */
    public Optional<Path> find(String fileName) {
        URL url = loader.getResource(prefix + fileName);
        if (url == null) return Optional.empty();
        try {
            return switch (url.getProtocol()) {
                case "file" -> Optional.of(Path.of(url.toURI()));
                case "jar" -> Optional.of(extract(url, fileName));
                default -> Optional.empty();
            };
        } catch (IOException | URISyntaxException | RuntimeException e) {
            problem = "extracting " + fileName + " from " + url + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    /** Why the last extraction failed, or "". */
    public String problem() {
        return problem;
    }

    /** The resource folder searched, ending in a slash (or empty for the class-path root). */
    public String prefix() {
        return prefix;
    }

    /** Copies the jar entry into cacheBase/bundled-&lt;jar hash&gt;/fileName unless a copy of the same size is there. */
    private Path extract(URL url, String fileName) throws IOException, URISyntaxException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        if (!(connection instanceof JarURLConnection jarConnection)) throw new IOException("not a jar entry: " + url);
        Path jar = Path.of(jarConnection.getJarFileURL().toURI());
        long entrySize = jarConnection.getJarEntry().getSize();
        String key = sha256(jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()).substring(0, 16);
        Path dir = cacheBase.resolve("bundled-" + key);
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target) && (entrySize < 0 || Files.size(target) == entrySize)) return target;
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, fileName, ".part");
        try (InputStream in = jarConnection.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
