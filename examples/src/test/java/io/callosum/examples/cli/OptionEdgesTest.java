package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numbers at the edges are usage errors naming the option (exit 2, one line), before any work. */
class OptionEdgesTest {
    private static void assertUsageError(CliRun r, String... fragments) {
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' missing in:\n" + r);
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void nonFiniteFloatingOptionsAreRefusedNamingTheOption() {
        assertUsageError(CliRun.of("pretrain", "--lr", "Infinity"), "'--lr'", "not a finite number");
        assertUsageError(CliRun.of("pretrain", "--lr", "NaN"), "'--lr'", "not a finite number");
        assertUsageError(CliRun.of("pretrain", "--lr", "1e400"), "'--lr'", "not a finite number");
        assertUsageError(CliRun.of("finetune", "--lr-decay", "-Infinity"), "'--lr-decay'", "not a finite number");
        assertUsageError(CliRun.of("probe", "--probe-lr", "NaN"), "'--probe-lr'", "not a finite number");
        assertUsageError(CliRun.of("colorize", "x.png", "--temperature", "Infinity"), "'--temperature'", "not a finite number");
        assertUsageError(CliRun.of("fashion-mnist", "--lr", "NaN"), "'--lr'", "not a finite number");
    }

    @Test
    void outOfRangeRatesAreRefusedNamingTheOption() {
        assertUsageError(CliRun.of("pretrain", "--lr", "-1"), "--lr must be a positive number, got -1.0");
        assertUsageError(CliRun.of("pretrain", "--lr", "0"), "--lr must be a positive number");
        assertUsageError(CliRun.of("pretrain", "--lr-decay", "1e300"), "--lr-decay must be in (0, 10.0]", "got 1.0E300");
        assertUsageError(CliRun.of("probe", "--probe-lr", "-0.5"), "--probe-lr must be a positive number");
        assertUsageError(CliRun.of("probe", "--probe-weight-decay", "-1"), "--probe-weight-decay must be 0 or more");
    }

    @Test
    void reproduceWithANegativeRateIsAUsageErrorNotABudgetFailure() {
        CliRun r = CliRun.of("reproduce", "table1", "--budget", "tiny", "--lr", "-1");
        assertUsageError(r, "callosum reproduce: --lr must be a positive number, got -1.0");
        assertFalse(r.err().contains("Budget:"), r.toString());
    }

    @Test
    void imageSizeForDataOfAFixedSizeIsRefused() {
        assertUsageError(CliRun.of("pretrain", "--image-size", "64"), "--image-size applies to image folders only", "--data synthetic");
    }

    @Test
    void tooManyGeneratedImagesIsAUsageErrorNotAnOutOfMemoryError() {
        CliRun r = CliRun.of("pretrain", "--unlabelled", "2147483647");
        assertUsageError(r, "--unlabelled 2147483647: too many images for this Java heap", "MiB", "CALLOSUM_JAVA_OPTS");
    }
}
