package io.callosum.tensor.testing;

import com.sun.source.util.JavacTask;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * javac's doclint with its "missing" group on ({@code -Xdoclint:missing/protected}, the check
 * {@code javadoc -Xdoclint:missing} makes) over a module's main sources, so that each module's test can keep its public
 * API documented without repeating the compiler set-up. Types the sources use are resolved on the running test's
 * class path, which holds the module's own dependencies.
 */
public final class DocLint {
    private DocLint() {
    }

    /**
     * One doclint warning.
     *
     * @param file    the file, relative to the source root, with forward slashes
     * @param line    the line doclint names (1-based)
     * @param column  the column on that line (1-based), which tells apart declarations sharing a line
     * @param message doclint's message, e.g. "no comment" or "no @param for x"
     * @param text    that line of the file, stripped, so a report shows what lacks the comment
     */
    public record Finding(String file, long line, long column, String message, String text) {
        /** The folder part of {@link #file}, ending in a slash ("" for the default package). */
        public String folder() {
            return file.substring(0, file.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + message + "  (" + text + ")";
        }
    }

    /**
     * The public or protected declarations with no doc comment at all under {@code sourceRoot}, a folder relative to the
     * repository root such as {@code "spark/src/main/java"}.
     */
    public static List<Finding> uncommented(String sourceRoot) {
        return check(sourceRoot).stream().filter(f -> f.message().equals("no comment")).toList();
    }

    /**
     * Fails, listing each one, when {@link #uncommented} finds declarations under {@code sourceRoot}: the whole test of a
     * module whose public API needs a comment on every declaration but no tags.
     */
    public static void assertEveryPublicDeclarationCommented(String sourceRoot) {
        List<Finding> missing = uncommented(sourceRoot);
        if (missing.isEmpty()) return;
        throw new AssertionError(missing.size() + " public declarations under " + sourceRoot + " without a doc comment:\n"
                + String.join("\n", missing.stream().map(Finding::toString).toList()));
    }

    /** Every doclint "missing" warning (comments and tags) for the sources under {@code sourceRoot}. */
    public static List<Finding> check(String sourceRoot) {
        Path root = RepositoryFiles.file(sourceRoot);
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(f -> f.toString().endsWith(".java")).toList();
            if (files.isEmpty()) throw new IllegalStateException("DocLint: no Java sources under " + root);
            return check(files, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Attributes {@code files} with doclint on, writing no classes, and returns its warnings; other types are read from
     * {@code root}'s sources before the class path. A compilation error throws, naming the error.
     */
    public static List<Finding> check(List<Path> files, Path root) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-Xdoclint:missing/protected", "-Xmaxwarns", "100000", "-proc:none", "-implicit:none",
                "--add-modules", "jdk.incubator.vector", "-classpath", System.getProperty("java.class.path"),
                "-sourcepath", root.toString());
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
            task.analyze();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, List<String>> lines = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) throw new IllegalStateException("DocLint: the sources under " + root + " do not compile: " + d);
            if (d.getSource() == null || d.getKind() != Diagnostic.Kind.WARNING) continue;
            Path file = Path.of(d.getSource().toUri());
            String text = lines.computeIfAbsent(file, DocLint::readLines).get((int) d.getLineNumber() - 1).strip();
            String relative = root.relativize(file).toString().replace('\\', '/');
            findings.add(new Finding(relative, d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ROOT), text));
        }
        return findings;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
