package io.callosum.cuda;

import io.callosum.tensor.testing.RepositoryFiles;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed PTX must match the .cu sources: the manifest's hash must be the hash of src/main/cuda (always
 * checked, so CI without nvcc catches a .cu edit whose PTX was not rebuilt), every module must be at the PTX ISA the
 * oldest supported driver loads, and where nvcc of the recorded version is on the PATH, compiling again (with
 * build-ptx.sh's `.version` rewrite) must give the committed PTX byte for byte.
 */
class PtxFreshnessTest {
    static final Path SOURCES = RepositoryFiles.file("cuda-kernels/src/main/cuda");
    static final Path PTX = RepositoryFiles.file("cuda-kernels/src/main/resources/io/callosum/cuda/kernels");
    /** ISA 8.2 is CUDA 12.2's, the newest that R535 drivers load. */
    static final String NEWEST_ISA_OF_R535 = "8.2";
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^\\.version ([0-9]+\\.[0-9]+)$");

    static Properties manifest() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(PTX.resolve("ptx.properties"))) {
            p.load(in);
        }
        return p;
    }

    static List<String> modules() throws IOException {
        return Arrays.asList(manifest().getProperty("modules").split(","));
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

    /** The ISA build-ptx.sh writes into every module's `.version` line (src/main/cuda/ptx.isa, part of the hash). */
    static String requestedIsa() throws IOException {
        return Files.readString(SOURCES.resolve("ptx.isa")).trim();
    }

    @Test
    void manifestHashMatchesTheCudaSources() throws Exception {
        assertEquals(sourcesHash(), manifest().getProperty("sources.sha256"),
                "the committed PTX is stale: src/main/cuda changed since it was built; run `bash cuda-kernels/build-ptx.sh` "
                        + "on a machine with nvcc and commit src/main/resources/io/callosum/cuda/kernels");
    }

    @Test
    void everyCuFileHasItsModuleAtTheRecordedIsaAndTarget() throws Exception {
        List<String> cu;
        try (Stream<Path> s = Files.list(SOURCES)) {
            cu = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        assertEquals(cu, modules().stream().sorted().toList());
        Properties mf = manifest();
        assertEquals(requestedIsa(), mf.getProperty("ptx.isa"), "ptx.properties records the ISA of src/main/cuda/ptx.isa");
        Matcher arch = Pattern.compile("-arch=compute_(\\d+)").matcher(Files.readString(SOURCES.resolve("nvcc.flags")));
        assertTrue(arch.find(), "nvcc.flags names a compute_XX virtual architecture");
        assertEquals("sm_" + arch.group(1), mf.getProperty("ptx.target"), "ptx.properties records the target of nvcc.flags");
        for (String m : modules()) {
            String ptx = Files.readString(PTX.resolve(m + ".ptx"));
            assertTrue(ptx.contains("\n.target " + mf.getProperty("ptx.target") + "\n"), m + ".ptx targets " + mf.getProperty("ptx.target"));
            assertEquals(mf.getProperty("ptx.isa"), isaOf(m, ptx), m + ".ptx is at the recorded ISA");
            assertTrue(ptx.contains(".entry"), m + ".ptx has kernels");
        }
    }

    @Test
    void everyModuleLoadsOnR535Drivers() throws Exception {
        assertTrue(isaOrder(manifest().getProperty("ptx.isa")) <= isaOrder(NEWEST_ISA_OF_R535), "ptx.isa " + manifest().getProperty("ptx.isa"));
        for (String m : modules()) {
            String isa = isaOf(m, Files.readString(PTX.resolve(m + ".ptx")));
            assertTrue(isaOrder(isa) <= isaOrder(NEWEST_ISA_OF_R535),
                    m + ".ptx is at PTX ISA " + isa + ", newer than the " + NEWEST_ISA_OF_R535 + " that R535 (CUDA 12.2) drivers load");
        }
    }

    @Test
    void recompilingWithTheSameNvccGivesTheCommittedPtx(@TempDir Path tmp) throws Exception {
        String version = nvccVersion();
        org.junit.jupiter.api.Assumptions.assumeTrue(version != null, "nvcc is not on the PATH: the manifest hash check stands in");
        org.junit.jupiter.api.Assumptions.assumeTrue(version.equals(manifest().getProperty("nvcc.version")),
                "nvcc " + version + " differs from the " + manifest().getProperty("nvcc.version") + " that built the committed PTX");
        String flags = Files.readString(SOURCES.resolve("nvcc.flags")).trim();
        String isa = requestedIsa();
        for (String m : modules()) {
            List<String> cmd = new ArrayList<>(List.of("nvcc"));
            cmd.addAll(Arrays.asList(flags.split("\\s+")));
            cmd.addAll(List.of("-I" + SOURCES, "-ptx", "-o", tmp.resolve(m + ".ptx").toString(), SOURCES.resolve(m + ".cu").toString()));
            String out = exec(cmd);
            assertTrue(Files.exists(tmp.resolve(m + ".ptx")), "nvcc failed for " + m + ":\n" + out);
            String fresh = VERSION_LINE.matcher(Files.readString(tmp.resolve(m + ".ptx"))).replaceFirst(".version " + isa);
            assertEquals(Files.readString(PTX.resolve(m + ".ptx")), fresh,
                    m + ".ptx differs from a fresh nvcc build: run `bash cuda-kernels/build-ptx.sh --force` and commit the PTX");
        }
    }

    /** "major.minor" as major * 1000 + minor, so 8.10 would sort after 8.2. */
    static int isaOrder(String isa) {
        String[] parts = isa.split("\\.");
        return Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
    }

    @Test
    void isaVersionsCompareByMajorThenMinor() {
        assertTrue(isaOrder("8.0") < isaOrder("8.2"));
        assertTrue(isaOrder("8.2") < isaOrder("9.0"));
        assertTrue(isaOrder("8.2") < isaOrder("8.10"));
    }

    private static String isaOf(String module, String ptx) {
        Matcher v = VERSION_LINE.matcher(ptx);
        assertTrue(v.find(), module + ".ptx has a .version line");
        return v.group(1);
    }

    static String nvccVersion() {
        try {
            String out = exec(List.of("nvcc", "--version"));
            Matcher m = Pattern.compile("release ([0-9.]+)").matcher(out);
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
