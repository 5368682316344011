package io.callosum.cuda.vendor;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forwarding libcublas.so.12: symbol extraction from JCublas2, the generated C, and (with a C compiler) a real build. */
class CublasForwarderTest {

    @Test
    void jcublas2ImportsItsCublasSymbolsWithTheVersionNode() throws Exception {
        List<String> names = CublasForwarder.jcublas2Imports();
        assertTrue(names.size() > 400, "JCublas2 imports hundreds of cuBLAS functions, got " + names.size());
        for (String must : List.of("cublasCreate_v2", "cublasDestroy_v2", "cublasSetStream_v2", "cublasSetMathMode",
                "cublasSgemm_v2", "cublasSgemmStridedBatched", "cublasGetVersion_v2")) {
            assertTrue(names.contains(must), must + " is imported");
        }
        assertEquals(names.size(), new HashSet<>(names).size(), "no duplicates");
        for (String n : names) assertTrue(n.matches("[A-Za-z_][A-Za-z0-9_]*"), n);
    }

    @Test
    void generatedSourceHasOneTrampolinePerSymbolAndAVersionScript() {
        List<String> names = List.of("cublasA", "cublasB_v2", "cublasC_64");
        String c = CublasForwarder.generateC(names);
        assertTrue(c.contains("#define N_SYMBOLS 3"));
        assertTrue(c.contains("jmp *callosum_cublas_targets+0(%rip)"));
        assertTrue(c.contains("jmp *callosum_cublas_targets+16(%rip)"));
        for (String n : names) {
            assertTrue(c.contains("\\t.globl " + n + "\\n"), n + " exported");
            assertTrue(c.contains("\"" + n + "\","), n + " resolved by name");
        }
        assertTrue(c.contains("dlopen(target, RTLD_NOW | RTLD_GLOBAL)"));
        String map = CublasForwarder.versionScript(names);
        assertEquals("libcublas.so.12 {\n  global:\n    cublasA;\n    cublasB_v2;\n    cublasC_64;\n  local: *;\n};\n", map);
        assertThrows(IllegalArgumentException.class, () -> CublasForwarder.generateC(List.of("bad name")));
        assertThrows(IllegalArgumentException.class, () -> CublasForwarder.generateC(List.of()));
    }

    /**
     * With a C compiler: a stub "libcublas.so.13", the forwarder for three symbols (one the stub lacks), and a program
     * linked against the forwarder the way libJCublas2 is (versioned imports). Integer, double and stack-passed
     * arguments must arrive untouched; the missing symbol must return CUBLAS_STATUS_NOT_SUPPORTED.
     */
    @Test
    void builtForwarderPassesArgumentsThroughAndStubsMissingSymbols(@TempDir Path dir) throws Exception {
        Path cc = CublasForwarder.findCompiler().orElse(null);
        Assumptions.assumeTrue(cc != null, "no C compiler on the PATH: the forwarder build is checked on machines with one");
        Files.writeString(dir.resolve("target.c"), """
                int cublasAdd(int a, int b) { return a + b; }
                double cublasMix(double x, int k, double y) { return x * k + y; }
                long cublasMany(long a, long b, long c, long d, long e, long f, long g, long h) {
                    return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h;
                }
                """);
        CublasForwarder.run(List.of(cc.toString(), "-shared", "-fPIC", "-o", dir.resolve("libtarget.so").toString(), "target.c"), dir);
        List<String> names = List.of("cublasAdd", "cublasMix", "cublasMany", "cublasGone");
        Path lib = CublasForwarder.build(names, dir, cc);

        List<ElfSymbols.Symbol> exported = ElfSymbols.read(Files.readAllBytes(lib));
        Set<String> versioned = new HashSet<>();
        for (ElfSymbols.Symbol s : exported) if (s.defined() && s.version().equals("libcublas.so.12")) versioned.add(s.name());
        assertTrue(versioned.containsAll(names), "every symbol exported in node libcublas.so.12: " + versioned);
        assertTrue(exported.stream().noneMatch(s -> s.defined() && s.name().equals("callosum_cublas_targets")), "the table stays hidden");

        Files.writeString(dir.resolve("main.c"), """
                #include <stdio.h>
                int cublasAdd(int, int);
                double cublasMix(double, int, double);
                long cublasMany(long, long, long, long, long, long, long, long);
                int cublasGone(void);
                int main(void) {
                    printf("%d %.2f %ld %d\\n", cublasAdd(40, 2), cublasMix(1.5, 3, 0.25), cublasMany(1, 1, 1, 1, 1, 1, 1, 1), cublasGone());
                    return 0;
                }
                """);
        CublasForwarder.run(List.of(cc.toString(), "-o", dir.resolve("main").toString(), "main.c", "-L" + dir, "-l:libcublas.so.12"), dir);
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("main").toString()).directory(dir.toFile());
        pb.environment().put("LD_LIBRARY_PATH", dir.toString());
        pb.environment().put("CALLOSUM_CUBLAS_TARGET", dir.resolve("libtarget.so").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("42 4.75 36 15", out);
        assertTrue(err.contains("1 of 4 symbols are missing") && err.contains("cublasGone"), err);

        readelfAgrees(lib, names);
    }

    /** Where binutils is installed, readelf must see the same versioned exports our ELF reader sees. */
    private static void readelfAgrees(Path lib, List<String> names) throws Exception {
        Path readelf = Path.of("/usr/bin/readelf");
        if (!Files.isExecutable(readelf)) return;
        Process p = new ProcessBuilder(readelf.toString(), "--dyn-syms", "-W", lib.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        for (String n : names) assertTrue(out.contains(n + "@@libcublas.so.12"), n + " in readelf output:\n" + out);
    }
}
