package io.callosum.examples.cli;

import java.util.function.Supplier;

/** Turns a configuration record's refusal of a value the user gave into a usage error (exit status 2). */
final class Usage {
    private Usage() {
    }

    static <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw e instanceof CliUsageException u ? u : new CliUsageException(e.getMessage());
        }
    }
}
