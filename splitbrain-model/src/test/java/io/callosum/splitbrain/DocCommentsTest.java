package io.callosum.splitbrain;

import io.callosum.tensor.testing.DocLint;
import org.junit.jupiter.api.Test;

/** Keeps splitbrain-model's public API documented: every public or protected type, member and enum constant has a doc comment. */
class DocCommentsTest {
    @Test
    void everyPublicMemberHasADocComment() {
        DocLint.assertEveryPublicDeclarationCommented("splitbrain-model/src/main/java");
    }
}
