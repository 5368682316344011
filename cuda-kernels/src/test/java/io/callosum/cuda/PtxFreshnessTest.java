package io.callosum.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed PTX must match the .cu sources: the manifest's hash must be the hash of src/main/cuda (always
 * checked, so CI without nvcc catches a .cu edit whose PTX was not rebuilt), and where nvcc of the recorded version is
 * on the PATH, compiling again must give the committed PTX byte for byte.
 */
class PtxFreshnessTest {
    static final Path SOURCES = Path.of("src/main/cuda");
    static final Path PTX = Path.of("src/main/resources/io/callosum/cuda/kernels");

    static Properties manifest() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(PTX.resolve("ptx.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** build-ptx.sh's hash: for each file of src/main/cuda in byte order, its name, NUL, its bytes, NUL. */
    static String sourcesHash() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path f : files) {
            md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void manifestHashMatchesTheCudaSources() throws Exception {
        assertEquals(sourcesHash(), manifest().getProperty("sources.sha256"),
                "the committed PTX is stale: src/main/cuda changed since it was built; run `bash cuda-kernels/build-ptx.sh` "
                        + "on a machine with nvcc and commit src/main/resources/io/callosum/cuda/kernels");
    }

    @Test
    void everyCuFileHasItsModule() throws Exception {
        List<String> cu;
        try (Stream<Path> s = Files.list(SOURCES)) {
            cu = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        List<String> modules = Arrays.stream(manifest().getProperty("modules").split(",")).sorted().toList();
        assertEquals(cu, modules);
        for (String m : modules) {
            String ptx = Files.readString(PTX.resolve(m + ".ptx"));
            assertTrue(ptx.contains(".target sm_75"), m + ".ptx targets the compute_75 baseline");
            assertTrue(ptx.contains(".entry"), m + ".ptx has kernels");
        }
    }

    @Test
    void recompilingWithTheSameNvccGivesTheCommittedPtx(@TempDir Path tmp) throws Exception {
        String version = nvccVersion();
        org.junit.jupiter.api.Assumptions.assumeTrue(version != null, "nvcc is not on the PATH: the manifest hash check stands in");
        org.junit.jupiter.api.Assumptions.assumeTrue(version.equals(manifest().getProperty("nvcc.version")),
                "nvcc " + version + " differs from the " + manifest().getProperty("nvcc.version") + " that built the committed PTX");
        String flags = Files.readString(SOURCES.resolve("nvcc.flags")).trim();
        for (String m : manifest().getProperty("modules").split(",")) {
            List<String> cmd = new ArrayList<>(List.of("nvcc"));
            cmd.addAll(Arrays.asList(flags.split("\\s+")));
            cmd.addAll(List.of("-I" + SOURCES, "-ptx", "-o", tmp.resolve(m + ".ptx").toString(), SOURCES.resolve(m + ".cu").toString()));
            String out = exec(cmd);
            assertTrue(Files.exists(tmp.resolve(m + ".ptx")), "nvcc failed for " + m + ":\n" + out);
            assertEquals(Files.readString(PTX.resolve(m + ".ptx")), Files.readString(tmp.resolve(m + ".ptx")),
                    m + ".ptx differs from a fresh nvcc build: run `bash cuda-kernels/build-ptx.sh --force` and commit the PTX");
        }
    }

    static String nvccVersion() {
        try {
            String out = exec(List.of("nvcc", "--version"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("release ([0-9.]+)").matcher(out);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        try {
            p.waitFor(300, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
