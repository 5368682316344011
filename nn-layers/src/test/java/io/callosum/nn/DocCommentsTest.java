package io.callosum.nn;

import io.callosum.tensor.testing.DocLint;
import org.junit.jupiter.api.Test;

/** Keeps nn-layers's public API documented: every public or protected type, member and enum constant has a doc comment. */
class DocCommentsTest {
    @Test
    void everyPublicMemberHasADocComment() {
        DocLint.assertEveryPublicDeclarationCommented("nn-layers/src/main/java");
    }
}
