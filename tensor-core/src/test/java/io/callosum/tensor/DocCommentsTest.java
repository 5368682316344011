package io.callosum.tensor;

import io.callosum.tensor.testing.DocLint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps tensor-core's public API documented: javac's doclint ({@link DocLint}, the check
 * {@code javadoc -Xdoclint:missing} makes) reads the main sources, and every public or protected type, member and enum
 * constant must have a doc comment. In the user-facing packages ({@code io.callosum.tensor} and
 * {@code io.callosum.tensor.npy}) every parameter, result and record component must be described too; the backend SPI,
 * the ops and the CPU kernels are documented for implementers in one line per member, without tags.
 */
class DocCommentsTest {
    /** Package folders whose members also need {@code @param} and {@code @return}. */
    private static final Set<String> FULLY_TAGGED = Set.of("io/callosum/tensor/", "io/callosum/tensor/npy/");

    @Test
    void everyPublicMemberHasADocCommentAndUserFacingOnesTheirTags() {
        List<String> missing = new ArrayList<>();
        for (DocLint.Finding f : DocLint.check("tensor-core/src/main/java")) {
            boolean noComment = f.message().equals("no comment");
            boolean noTag = f.message().startsWith("no @");
            if (noComment || (noTag && FULLY_TAGGED.contains(f.folder()))) missing.add(f.toString());
        }
        assertTrue(missing.isEmpty(), missing.size() + " documentation gaps in tensor-core's public API:\n" + String.join("\n", missing));
    }

    /** The check can fail: doclint, run as above, reports a public method without a comment. */
    @Test
    void doclintReportsAnUndocumentedPublicMethod(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Undocumented.java");
        Files.writeString(file, "/** A type. */\npublic final class Undocumented {\n    private Undocumented() {\n    }\n\n"
                + "    public static int answer() {\n        return 42;\n    }\n}\n");
        assertEquals(List.of("6: no comment"), lineAndMessage(DocLint.check(List.of(file), dir), false));
    }

    /** Enum constants are checked one by one: of two declared on one line, the undocumented one is reported. */
    @Test
    void doclintReportsAnUndocumentedEnumConstant(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Colour.java");
        Files.writeString(file, "/** A colour. */\npublic enum Colour {\n    /** Red. */ RED, GREEN\n}\n");
        assertEquals(List.of("3:22: no comment"), lineAndMessage(DocLint.check(List.of(file), dir), true)); // column 22 is GREEN
    }

    private static List<String> lineAndMessage(List<DocLint.Finding> findings, boolean withColumn) {
        return findings.stream().map(f -> f.line() + (withColumn ? ":" + f.column() : "") + ": " + f.message()).toList();
    }
}
