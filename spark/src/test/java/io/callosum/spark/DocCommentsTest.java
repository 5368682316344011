package io.callosum.spark;

import io.callosum.tensor.testing.DocLint;
import org.junit.jupiter.api.Test;

/** Keeps spark's public API documented: every public or protected type, member and enum constant has a doc comment. */
class DocCommentsTest {
    @Test
    void everyPublicMemberHasADocComment() {
        DocLint.assertEveryPublicDeclarationCommented("spark/src/main/java");
    }
}
