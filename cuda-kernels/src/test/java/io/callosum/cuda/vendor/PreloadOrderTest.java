package io.callosum.cuda.vendor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading libraries by path with a fake dynamic linker that refuses a library until its dependencies are in. */
class PreloadOrderTest {
    final List<String> loaded = new ArrayList<>();

    PreloadOrder.Loader linker(Map<String, List<String>> needs, Set<String> broken) {
        return p -> {
            String name = p.getFileName().toString();
            if (broken.contains(name)) throw new UnsatisfiedLinkError(p + ": cannot open shared object file\nmore");
            for (String dep : needs.getOrDefault(name, List.of())) {
                if (!loaded.contains(dep)) throw new UnsatisfiedLinkError(dep + ": cannot open shared object file");
            }
            loaded.add(name);
        };
    }

    static List<Path> paths(String... names) {
        List<Path> out = new ArrayList<>();
        for (String n : names) out.add(Path.of("/cache/bundled-1").resolve(n));
        return out;
    }

    @Test
    void dependencyOrderLoadsInOneRound() {
        Optional<String> r = PreloadOrder.loadAll(paths("libcublasLt.so.12", "libcublas.so.12"), Set.of(),
                linker(Map.of("libcublas.so.12", List.of("libcublasLt.so.12")), Set.of()));
        assertEquals(Optional.empty(), r);
        assertEquals(List.of("libcublasLt.so.12", "libcublas.so.12"), loaded);
    }

    @Test
    void aWrongOrderIsRepairedByRetrying() {
        Map<String, List<String>> needs = Map.of("libcudnn_cnn.so.9", List.of("libcudnn_ops.so.9", "libcudnn_graph.so.9"),
                "libcudnn_ops.so.9", List.of("libcudnn_graph.so.9"));
        Optional<String> r = PreloadOrder.loadAll(paths("libcudnn_cnn.so.9", "libcudnn_ops.so.9", "libcudnn_graph.so.9", "libcudnn.so.9"),
                Set.of(), linker(needs, Set.of()));
        assertEquals(Optional.empty(), r);
        assertEquals(List.of("libcudnn_graph.so.9", "libcudnn.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9"), loaded);
    }

    @Test
    void anOptionalLibraryMayFailARequiredOneMayNot() {
        List<Path> libs = paths("libcudnn_adv.so.9", "libcudnn.so.9");
        assertEquals(Optional.empty(), PreloadOrder.loadAll(libs, Set.of(libs.get(0)), linker(Map.of(), Set.of("libcudnn_adv.so.9"))));
        assertEquals(List.of("libcudnn.so.9"), loaded);
        loaded.clear();
        String why = PreloadOrder.loadAll(libs, Set.of(libs.get(0)), linker(Map.of(), Set.of("libcudnn.so.9"))).orElseThrow();
        assertEquals("loading /cache/bundled-1/libcudnn.so.9 failed: /cache/bundled-1/libcudnn.so.9: cannot open shared object file", why);
        assertTrue(loaded.contains("libcudnn_adv.so.9"));
    }

    @Test
    void aMissingDependencyOutsideTheSetIsReported() {
        String why = PreloadOrder.loadAll(paths("libcublas.so.12"), Set.of(),
                linker(Map.of("libcublas.so.12", List.of("libcublasLt.so.12")), Set.of())).orElseThrow();
        assertTrue(why.endsWith("failed: libcublasLt.so.12: cannot open shared object file"), why);
    }
}
