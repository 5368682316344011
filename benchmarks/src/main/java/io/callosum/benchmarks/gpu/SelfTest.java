package io.callosum.benchmarks.gpu;

import java.util.Arrays;

/**
 * The dry run's proof that a failing check fails the verdict: {@code CALLOSUM_VERDICT_INJECT=memory}
 * makes the named checks see a deliberate error. Never set outside gpu-test.sh's self-test.
 */
final class SelfTest {
    private SelfTest() {
    }

    static boolean injects(String check) {
        String v = System.getenv("CALLOSUM_VERDICT_INJECT");
        return v != null && Arrays.asList(v.split(",")).contains(check);
    }
}
