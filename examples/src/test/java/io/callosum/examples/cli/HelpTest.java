package io.callosum.examples.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --help works for the root and every subcommand: exit 0, a usage line, no errors. */
class HelpTest {
    static Stream<String> commands() {
        return new CommandLine(new CallosumCli()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everySubcommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("Usage: callosum " + command + " "), r.toString());
        assertEquals("", r.err(), r.toString());
    }

    @org.junit.jupiter.api.Test
    void rootHelpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.status(), r.toString());
        for (String c : List.of("demo", "pretrain", "probe", "finetune", "fewshot", "colorize", "reproduce", "fashion-mnist", "info")) {
            assertTrue(r.out().contains("\n  " + c + " "), c + " missing:\n" + r);
        }
    }

    @org.junit.jupiter.api.Test
    void noArgumentsPrintsUsage() {
        CliRun r = CliRun.of();
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("Usage: callosum"), r.toString());
    }

    @org.junit.jupiter.api.Test
    void infoNamesTheCpuPath() {
        CliRun r = CliRun.of("info");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("cpu:") && (r.out().contains("Vector API") || r.out().contains("scalar")), r.toString());
        assertTrue(r.out().contains("cuda:"), r.toString());
    }
}
