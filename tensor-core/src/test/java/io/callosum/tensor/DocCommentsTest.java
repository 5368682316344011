package io.callosum.tensor;

import com.sun.source.util.JavacTask;
import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps tensor-core's public API documented: javac's doclint ({@code -Xdoclint:missing/protected}, the check
 * {@code javadoc -Xdoclint:missing} makes) reads the main sources, and every public or protected type, member and enum
 * constant must have a doc comment. In the user-facing packages ({@code io.callosum.tensor} and
 * {@code io.callosum.tensor.npy}) every parameter, result and record component must be described too; the backend SPI,
 * the ops and the CPU kernels are documented for implementers in one line per member, without tags.
 */
class DocCommentsTest {
    /** Found from the repository root, so the check reads tensor-core's sources from whichever module runs it. */
    private static final Path SOURCES = RepositoryFiles.file("tensor-core/src/main/java");
    /** Package folders whose members also need {@code @param} and {@code @return}. */
    private static final Set<String> FULLY_TAGGED = Set.of("io/callosum/tensor/", "io/callosum/tensor/npy/");

    @Test
    void everyPublicMemberHasADocCommentAndUserFacingOnesTheirTags() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : doclint(sources(), SOURCES)) {
            String message = d.getMessage(Locale.ROOT);
            Path file = Path.of(d.getSource().toUri());
            String relative = SOURCES.relativize(file).toString().replace('\\', '/');
            String line = Files.readAllLines(file).get((int) d.getLineNumber() - 1).strip();
            boolean noComment = message.equals("no comment");
            boolean noTag = message.startsWith("no @");
            boolean tagged = FULLY_TAGGED.contains(relative.substring(0, relative.lastIndexOf('/') + 1));
            if (noComment || (noTag && tagged)) missing.add(relative + ":" + d.getLineNumber() + ": " + message + "  (" + line + ")");
        }
        assertTrue(missing.isEmpty(), missing.size() + " documentation gaps in tensor-core's public API:\n" + String.join("\n", missing));
    }

    /** The check can fail: doclint, run as above, reports a public method without a comment. */
    @Test
    void doclintReportsAnUndocumentedPublicMethod(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Undocumented.java");
        Files.writeString(file, "/** A type. */\npublic final class Undocumented {\n    private Undocumented() {\n    }\n\n"
                + "    public static int answer() {\n        return 42;\n    }\n}\n");
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : doclint(List.of(file), null)) {
            messages.add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
        assertEquals(List.of("6: no comment"), messages);
    }

    /** Enum constants are checked one by one: of two declared on one line, the undocumented one is reported. */
    @Test
    void doclintReportsAnUndocumentedEnumConstant(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Colour.java");
        Files.writeString(file, "/** A colour. */\npublic enum Colour {\n    /** Red. */ RED, GREEN\n}\n");
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : doclint(List.of(file), null)) {
            messages.add(d.getLineNumber() + ":" + d.getColumnNumber() + ": " + d.getMessage(Locale.ROOT));
        }
        assertEquals(List.of("3:22: no comment"), messages); // column 22 is GREEN
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertFalse(sources.isEmpty(), "no sources under " + SOURCES);
            return sources;
        }
    }

    /**
     * Attributes the files with doclint's "missing" group on, writing no classes, and returns its warnings; a
     * compilation error fails the test with the error.
     */
    private static List<Diagnostic<? extends JavaFileObject>> doclint(List<Path> files, Path sourcePath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("-Xdoclint:missing/protected", "-Xmaxwarns", "100000", "-proc:none",
                "-implicit:none", "--add-modules", "jdk.incubator.vector", "-classpath", System.getProperty("java.class.path")));
        if (sourcePath != null) options.addAll(List.of("-sourcepath", sourcePath.toString()));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
            task.analyze();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Diagnostic<? extends JavaFileObject>> warnings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) throw new AssertionError("doclint could not compile the sources: " + d);
            if (d.getSource() != null && d.getKind() == Diagnostic.Kind.WARNING) warnings.add(d);
        }
        return warnings;
    }
}
