package io.callosum.tensor;

import io.callosum.tensor.testing.JavaSnippets;
import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the README honest: compiles its tensor/autodiff snippet, runs it, and compares the output it shows. */
class ReadmeSnippetTest {
    @Test
    void autodiffSnippetPrintsWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(RepositoryFiles.file("README.md"));
        Matcher m = Pattern.compile("## Tensors and autodiff.*?```java\\n(.*?)```\\s*prints\\s*```text\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a '## Tensors and autodiff' java block followed by its printed output");
        String code = m.group(1), expected = m.group(2);
        assertEquals(expected.strip(), JavaSnippets.run("README snippet", "Snippet", code).strip());
    }
}
