package io.callosum.examples.cli;

import java.util.function.Supplier;

/** Turns a configuration record's refusal of a value the user gave into a usage error (exit status 2). */
final class Usage {
    private Usage() {
    }

    /** A positive value for option (its finiteness the converter has checked); else a usage error naming it. */
    static double positive(String option, double value) {
        if (!(value > 0)) throw new CliUsageException(option + " must be a positive number, got " + value);
        return value;
    }

    /** A value in (0, max] for option; else a usage error naming it and the range. */
    static double positiveAtMost(String option, double value, double max, String why) {
        if (!(value > 0 && value <= max)) throw new CliUsageException(option + " must be in (0, " + max + "] (" + why + "), got " + value);
        return value;
    }

    static double nonNegative(String option, double value) {
        if (!(value >= 0)) throw new CliUsageException(option + " must be 0 or more, got " + value);
        return value;
    }

    static <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw e instanceof CliUsageException u ? u : new CliUsageException(e.getMessage());
        }
    }
}
