package io.callosum.nn;

import io.callosum.tensor.testing.JavaSnippets;
import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        String page = Files.readString(RepositoryFiles.file("docs/pytorch-users.md"));
        Matcher setup = SETUP.matcher(page);
        assertTrue(setup.find(), "the page opens with a java setup block");
        StringBuilder code = new StringBuilder(setup.group(1));
        Matcher row = ROW.matcher(page.substring(setup.end()));
        int rows = 0;
        while (row.find()) {
            code.append(row.group(1)).append('\n');
            rows++;
        }
        assertTrue(rows >= 40, "found only " + rows + " table rows with a callosum cell; the row pattern no longer matches the page");
        JavaSnippets.run("the page's callosum lines", "Page", code.toString());
    }
}
