package io.callosum.examples.cli;

import picocli.CommandLine;

/** One-line error messages and exit statuses: 2 for bad arguments, 1 for failures while running. */
final class Errors {
    private Errors() {
    }

    static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String msg = e.getMessage().replace('\n', ' ').trim();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            msg = "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", cmd.getSubcommands().keySet());
        }
        cmd.getErr().println(name + ": " + msg + " (see '" + name + " --help')");
        return 2;
    }

    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        // problems with the input or the machine get their message alone; anything else is a bug and shows its trace
        boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof UnsupportedOperationException || e instanceof ArithmeticException
                || e instanceof io.callosum.nn.data.DatasetFormatException || e instanceof java.util.NoSuchElementException;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        cmd.getErr().println(name + ": " + msg);
        if (!expected || Boolean.getBoolean("callosum.stacktrace")) e.printStackTrace(cmd.getErr());
        return e instanceof CliUsageException ? 2 : 1;
    }
}
