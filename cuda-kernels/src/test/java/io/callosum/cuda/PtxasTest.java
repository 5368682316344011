package io.callosum.cuda;

import io.callosum.tensor.testing.RepositoryFiles;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every committed PTX module assembles with ptxas for its own target (sm_75), sm_80 and sm_90 without errors and
 * without register spills — what the driver's JIT will do on users' GPUs, checked without one. The per-kernel
 * resource table (registers, static shared memory, spill bytes) is printed and written to target/ptxas-table.txt.
 */
class PtxasTest {
    /** The PTX's own target (ptx.properties' ptx.target, sm_75), then Ampere and Hopper. */
    static final List<String> ARCHS = archs();

    private static List<String> archs() {
        try {
            return Stream.of(PtxFreshnessTest.manifest().getProperty("ptx.target"), "sm_80", "sm_90").distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One kernel's resources on one architecture, from `ptxas -v`. */
    record Usage(int registers, int sharedBytes, int spillStores, int spillLoads) {
        int spillBytes() {
            return spillStores + spillLoads;
        }
    }

    private static final Pattern ENTRY = Pattern.compile("Compiling entry function '(\\w+)' for '(\\w+)'");
    private static final Pattern SPILLS = Pattern.compile("(\\d+) bytes spill stores, (\\d+) bytes spill loads");
    private static final Pattern USED = Pattern.compile("Used (\\d+) registers(.*)");
    private static final Pattern SMEM = Pattern.compile("(\\d+) bytes smem");

    /** Kernel → usage, parsed from `ptxas -v` output (entries only; a line before the first entry is ignored). */
    static Map<String, Usage> parse(String verbose) {
        Map<String, Usage> out = new LinkedHashMap<>();
        String kernel = null;
        int stores = 0, loads = 0;
        for (String line : verbose.split("\n")) {
            Matcher e = ENTRY.matcher(line);
            if (e.find()) {
                kernel = e.group(1);
                stores = loads = 0;
                continue;
            }
            if (kernel == null) continue;
            Matcher s = SPILLS.matcher(line);
            if (s.find()) {
                stores = Integer.parseInt(s.group(1));
                loads = Integer.parseInt(s.group(2));
                continue;
            }
            Matcher u = USED.matcher(line);
            if (u.find()) {
                Matcher sm = SMEM.matcher(u.group(2));
                out.put(kernel, new Usage(Integer.parseInt(u.group(1)), sm.find() ? Integer.parseInt(sm.group(1)) : 0, stores, loads));
                kernel = null;
            }
        }
        return out;
    }

    /** ptxas on the PATH, else the newest-named /usr/local/cuda*&#47;bin/ptxas. */
    static Optional<Path> findPtxas() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "ptxas");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        Path local = Path.of("/usr/local");
        if (!Files.isDirectory(local)) return Optional.empty();
        try (Stream<Path> s = Files.list(local)) {
            return s.filter(d -> d.getFileName().toString().startsWith("cuda"))
                    .map(d -> d.resolve("bin/ptxas")).filter(Files::isExecutable)
                    .max((a, b) -> a.toString().compareTo(b.toString()));
        }
    }

    private record Result(String module, String arch, int exit, String output) {
    }

    @Test
    void everyModuleAssemblesForEachArchitectureWithoutSpills() throws Exception {
        Optional<Path> ptxas = findPtxas();
        Assumptions.assumeTrue(ptxas.isPresent(), "ptxas is neither on the PATH nor under /usr/local/cuda*/bin: the PTX is checked on GPU runs only");
        List<String> modules = PtxFreshnessTest.modules();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<Future<Result>> jobs = new ArrayList<>();
        try {
            for (String m : modules) {
                for (String arch : ARCHS) {
                    Path ptx = PtxFreshnessTest.PTX.resolve(m + ".ptx");
                    jobs.add(pool.submit(() -> assemble(ptxas.get(), ptx, m, arch)));
                }
            }
            // kernel → arch → usage, kernels as "module.kernel" in name order
            Map<String, Map<String, Usage>> table = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (Future<Result> job : jobs) {
                Result r = job.get(10, TimeUnit.MINUTES);
                if (r.exit != 0 || r.output.contains("error")) {
                    failures.add("ptxas -arch=" + r.arch + " " + r.module + ".ptx exited " + r.exit + ":\n" + r.output);
                    continue;
                }
                Map<String, Usage> usage = parse(r.output);
                assertFalse(usage.isEmpty(), "ptxas -v reported no kernels for " + r.module + ".ptx on " + r.arch + ":\n" + r.output);
                usage.forEach((k, u) -> table.computeIfAbsent(r.module + "." + k, x -> new TreeMap<>()).put(r.arch, u));
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            String text = render(table);
            System.out.println(text);
            Path target = RepositoryFiles.root().resolve("cuda-kernels/target");
            Files.createDirectories(target);
            Files.writeString(target.resolve("ptxas-table.txt"), text);
            List<String> spills = new ArrayList<>();
            table.forEach((k, byArch) -> {
                assertEquals(ARCHS, List.copyOf(byArch.keySet()), k + " is compiled for every architecture");
                byArch.forEach((arch, u) -> {
                    if (u.spillBytes() > 0) spills.add(k + " on " + arch + ": " + u.spillStores + " bytes spill stores, " + u.spillLoads + " loads");
                });
            });
            assertTrue(spills.isEmpty(), "register spills (slow local-memory traffic):\n" + String.join("\n", spills));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result assemble(Path ptxas, Path ptx, String module, String arch) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ptxas.toString(), "-arch=" + arch, "-v", "-o", "/dev/null", ptx.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(module, arch, -1, "timed out");
        }
        return new Result(module, arch, p.exitValue(), bytes.toString(StandardCharsets.UTF_8));
    }

    /** One row per kernel; per architecture: registers, static shared bytes, spill bytes (stores + loads). */
    static String render(Map<String, Map<String, Usage>> table) {
        int width = Math.max(6, table.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + width + "s", "kernel"));
        for (String a : ARCHS) sb.append(String.format(" | %-5s %4s %6s %5s", a, "regs", "smem", "spill"));
        sb.append('\n');
        table.forEach((k, byArch) -> {
            sb.append(String.format("%-" + width + "s", k));
            for (String a : ARCHS) {
                Usage u = byArch.get(a);
                sb.append(u == null ? String.format(" | %-5s %4s %6s %5s", "", "-", "-", "-")
                        : String.format(" | %-5s %4d %6d %5d", "", u.registers, u.sharedBytes, u.spillBytes()));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    @Test
    void parsesPtxasVerboseOutput() {
        String sample = """
                ptxas info    : 0 bytes gmem
                ptxas info    : Compiling entry function 'bn_stats' for 'sm_80'
                ptxas info    : Function properties for bn_stats
                    0 bytes stack frame, 8 bytes spill stores, 12 bytes spill loads
                ptxas info    : Used 34 registers, used 1 barriers, 256 bytes smem, 424 bytes cmem[0]
                ptxas info    : Compiling entry function 'bn_apply' for 'sm_80'
                ptxas info    : Function properties for bn_apply
                    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
                ptxas info    : Used 20 registers, used 0 barriers, 412 bytes cmem[0]
                """;
        Map<String, Usage> u = parse(sample);
        assertEquals(new Usage(34, 256, 8, 12), u.get("bn_stats"));
        assertEquals(20, u.get("bn_stats").spillBytes());
        assertEquals(new Usage(20, 0, 0, 0), u.get("bn_apply"));
        assertEquals(List.of("bn_stats", "bn_apply"), List.copyOf(u.keySet()));
    }
}
