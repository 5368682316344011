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
        cmd.getErr().println(name + ": " + msg + " (see '" + name + " --help')");
        return 2;
    }

    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException || e instanceof UnsupportedOperationException;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        cmd.getErr().println(name + ": " + msg);
        if (!expected || Boolean.getBoolean("callosum.stacktrace")) e.printStackTrace(cmd.getErr());
        return e instanceof CliUsageException ? 2 : 1;
    }
}
