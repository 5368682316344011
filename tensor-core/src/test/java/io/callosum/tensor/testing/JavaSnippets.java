package io.callosum.tensor.testing;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Compiles and runs Java lines taken from a document (README, the PyTorch users' page) against the test class path,
 * so a documented example that stops compiling or changes its output fails a test.
 */
public final class JavaSnippets {
    private JavaSnippets() {
    }

    /**
     * Wraps code's {@code import} lines and statements in {@code className.main}, compiles it, runs it and returns
     * what it printed. what names the document in failure messages.
     */
    public static String run(String what, String className, String code) throws Exception {
        StringBuilder imports = new StringBuilder(), body = new StringBuilder();
        for (String line : code.split("\n")) (line.startsWith("import ") ? imports : body).append(line).append('\n');
        String source = imports + "public class " + className + " { public static void main(String[] args) throws Exception {\n"
                + body + "}}\n";
        Path dir = Files.createTempDirectory("snippet");
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
        assertEquals(0, rc, what + " compiles:\n" + errors + "\n" + source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader cl = new URLClassLoader(new URL[]{dir.toUri().toURL()}, JavaSnippets.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            cl.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
