package io.callosum.nn;

import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/pytorch-users.md honest: its setup block and the callosum cell of every table row are compiled into one
 * program, in page order, and run; a cell that does not compile or throws fails this test.
 */
class PytorchUsersPageTest {
    private static final Pattern SETUP = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    /** A table row whose last cell is one code span: the callosum line. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\|.*\\| `([^`]+)` \\|\\s*$");

    @Test
    void everyCallosumCellCompilesAndRuns() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "pytorch-users.md"));
        Matcher setup = SETUP.matcher(page);
        assertTrue(setup.find(), "the page opens with a java setup block");
        StringBuilder imports = new StringBuilder(), body = new StringBuilder();
        for (String line : setup.group(1).split("\n")) (line.startsWith("import ") ? imports : body).append(line).append('\n');
        Matcher row = ROW.matcher(page.substring(setup.end()));
        int rows = 0;
        while (row.find()) {
            body.append(row.group(1)).append('\n');
            rows++;
        }
        assertTrue(rows >= 40, "found only " + rows + " table rows with a callosum cell; the row pattern no longer matches the page");
        String source = imports + "public class Page { public static void main(String[] args) throws Exception {\n" + body + "}}\n";
        Path dir = Files.createTempDirectory("pytorch-users-page");
        Files.writeString(dir.resolve("Page.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d", dir.toString(),
                dir.resolve("Page.java").toString());
        assertEquals(0, rc, "the page's callosum lines compile:\n" + errors + "\n" + source);
        try (URLClassLoader cl = new URLClassLoader(new URL[]{dir.toUri().toURL()}, getClass().getClassLoader())) {
            cl.loadClass("Page").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        }
    }
}
