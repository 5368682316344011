package io.callosum.tensor;

import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the layering of tensor-core's main sources: the front end (Tensor, autodiff, ops) depends on the SPI, the CPU
 * backend depends on the SPI, and nothing depends back — no circle between Tensor, ops, spi and cpu. References are
 * read from the sources (imports, fully qualified names, and same-package class names outside comments).
 */
class LayeringTest {
    /** Through RepositoryFiles: cuda-kernels runs this test-jar from its own folder. */
    private static final Path ROOT = RepositoryFiles.file("tensor-core/src/main/java/io/callosum/tensor");
    private static final String BASE = "io.callosum.tensor";
    /** Root-package value types that every layer may use; they themselves use nothing else in tensor-core. */
    private static final Set<String> VALUES = Set.of("DType", "Device", "Shape");
    private static final Pattern FQN = Pattern.compile("\\bio\\.callosum\\.tensor((?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** The layer of a source file: "values", "frontend" (root package, ops and internal), or its package below the root. */
    static String layer(String pkg, String cls) {
        if (pkg.isEmpty()) return VALUES.contains(cls) ? "values" : "frontend";
        if (pkg.equals("ops") || pkg.equals("internal")) return "frontend";
        return pkg;
    }

    record Source(String pkg, String cls, String text) {
        String layer() {
            return LayeringTest.layer(pkg, cls);
        }
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Source> out = new ArrayList<>();
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String rel = ROOT.relativize(p.getParent() == null ? ROOT : p.getParent()).toString();
                String pkg = rel.replace(p.getFileSystem().getSeparator(), ".");
                String cls = p.getFileName().toString().replace(".java", "");
                if (cls.equals("package-info") || cls.equals("module-info")) continue;
                out.add(new Source(pkg, cls, Files.readString(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Layer → the other layers its sources reference. */
    static Map<String, Set<String>> layerGraph(List<Source> sources) {
        Map<String, Set<String>> classesByPackage = new TreeMap<>();
        for (Source s : sources) classesByPackage.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).add(s.cls());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Set<String> targets = graph.computeIfAbsent(s.layer(), k -> new TreeSet<>());
            String code = COMMENTS.matcher(s.text()).replaceAll(" ");
            Matcher m = FQN.matcher(code);
            while (m.find()) {
                String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                targets.add(layer(pkg, m.group(2)));
            }
            for (String other : classesByPackage.get(s.pkg())) {
                if (!other.equals(s.cls()) && Pattern.compile("\\b" + other + "\\b").matcher(code).find()) {
                    targets.add(layer(s.pkg(), other));
                }
            }
            targets.remove(s.layer());
        }
        return graph;
    }

    /** One cycle as a list of layers, or an empty list when the graph has none. */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>();    // 1 on the current path, 2 done
        List<String> path = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) return cycle;
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
                                      List<String> path) {
        Integer st = state.get(node);
        if (st != null && st == 2) return List.of();
        if (st != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, state, path);
            if (!cycle.isEmpty()) return cycle;
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    @Test
    void theSourcesAreFound() {
        List<Source> sources = sources();
        assertTrue(sources.stream().anyMatch(s -> s.cls().equals("Tensor")), "no Tensor.java under " + ROOT.toAbsolutePath());
        assertTrue(sources.stream().anyMatch(s -> s.pkg().startsWith("cpu.")), "no cpu sub-packages found");
    }

    @Test
    void noLayerDependsBackOnAnother() {
        Map<String, Set<String>> graph = layerGraph(sources());
        assertEquals(List.of(), findCycle(graph), "a circle between layers: " + graph);
    }

    @Test
    void theSpiAndTheCpuBackendSeeOnlyValueTypesOfTheFrontPackage() {
        Map<String, Set<String>> graph = layerGraph(sources());
        graph.forEach((layer, targets) -> {
            if (layer.equals("spi") || layer.equals("cpu") || layer.startsWith("cpu.") || layer.equals("values")) {
                assertFalse(targets.contains("frontend"), layer + " depends on the tensor front end: " + targets);
            }
        });
        assertFalse(graph.get("spi").stream().anyMatch(t -> t.equals("cpu") || t.startsWith("cpu.")),
                "the SPI names the CPU backend: " + graph.get("spi"));
    }

    @Test
    void theFrontEndFindsBackendsThroughServiceLoaderOnly() {
        Set<String> targets = layerGraph(sources()).get("frontend");
        assertFalse(targets.stream().anyMatch(t -> t.equals("cpu") || t.startsWith("cpu.")),
                "the front end names the CPU backend: " + targets);
    }

    @Test
    void theCheckSeesACircleWhenOneIsThere() {
        List<Source> circular = List.of(
                new Source("", "Tensor", "import io.callosum.tensor.cpu.CpuBackend; class Tensor {}"),
                new Source("cpu", "CpuBackend", "import io.callosum.tensor.Tensor; class CpuBackend {}"),
                new Source("spi", "Backend", "/* Tensor io.callosum.tensor.cpu.X */ interface Backend {}"));
        Map<String, Set<String>> graph = layerGraph(circular);
        assertEquals(Set.of(), graph.get("spi"), "references inside comments count: " + graph);
        assertEquals(List.of("cpu", "frontend", "cpu"), findCycle(graph));
    }
}
