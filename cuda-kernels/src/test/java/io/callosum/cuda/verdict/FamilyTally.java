package io.callosum.cuda.verdict;

/** Passed, failed and skipped tests of one op family, and the first reason for a skip or a failure. */
final class FamilyTally {
    int passed, failed, skipped;
    String firstSkip = "", firstFailure = "";

    void skip(String reason) {
        skipped++;
        if (firstSkip.isEmpty()) firstSkip = reason;
    }

    void fail(String what) {
        failed++;
        if (firstFailure.isEmpty()) firstFailure = what;
    }

    String counts() {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
