package io.callosum.tensor;

import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the README honest: compiles its tensor/autodiff snippet, runs it, and compares the output it shows. */
class ReadmeSnippetTest {
    @Test
    void autodiffSnippetPrintsWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(RepositoryFiles.file("README.md"));
        Matcher m = Pattern.compile("## Tensors and autodiff.*?```java\\n(.*?)```\\s*prints\\s*```text\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a '## Tensors and autodiff' java block followed by its printed output");
        String code = m.group(1), expected = m.group(2);
        StringBuilder imports = new StringBuilder(), body = new StringBuilder();
        for (String line : code.split("\n")) (line.startsWith("import ") ? imports : body).append(line).append('\n');
        String source = imports + "public class Snippet { public static void main(String[] args) throws Exception {\n" + body + "}}\n";
        Path dir = Files.createTempDirectory("readme");
        Files.writeString(dir.resolve("Snippet.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d", dir.toString(),
                dir.resolve("Snippet.java").toString());
        assertEquals(0, rc, "README snippet compiles:\n" + errors + "\n" + source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader cl = new URLClassLoader(new URL[]{dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            cl.loadClass("Snippet").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        assertEquals(expected.strip(), out.toString(StandardCharsets.UTF_8).strip());
    }
}
