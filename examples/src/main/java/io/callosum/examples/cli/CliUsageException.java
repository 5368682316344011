package io.callosum.examples.cli;

/** A problem with what the user asked for (a missing path, a bad device) found while running: exit status 2. */
public final class CliUsageException extends IllegalArgumentException {
    public CliUsageException(String message) {
        super(message);
    }
}
