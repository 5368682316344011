package io.callosum.examples.cli;

import picocli.CommandLine.Model.CommandSpec;

/** An option's value where the user gave it on the command line, else the preset's (what --help shows may differ). */
final class Given {
    private final CommandSpec command;

    Given(CommandSpec command) {
        this.command = command;
    }

    <T> T or(String option, T given, T preset) {
        return given(option) ? given : preset;
    }

    boolean given(String option) {
        return command.commandLine().getParseResult().hasMatchedOption(option);
    }
}
