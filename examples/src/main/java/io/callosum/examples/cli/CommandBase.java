package io.callosum.examples.cli;

import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** What every computing subcommand shares: the run options, the output streams and a progress listener. */
abstract class CommandBase implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin RunOptions run = new RunOptions();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    String name() {
        return spec.qualifiedName(" ");
    }

    /** Fails when any of the options was given on the command line (they conflict with what {@code because} names). */
    void rejectGiven(String because, String... options) {
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) throw new CliUsageException(o + ": " + because);
        }
    }

    /** Writes the report, then shows its main table, the summary lines and where the report is. */
    void finish(Report report, Table shown, String summary) throws IOException {
        report.write();
        out().println();
        out().println(shown.toText());
        out().print(summary);
        out().println("report: " + report.file("report.md"));
    }

    @Override
    public final Integer call() throws Exception {
        long start = System.nanoTime();
        run.device(); // fail at once, in one sentence, when the device is not usable
        ProgressListener progress = ProgressListener.forConsole(out(), err());
        try {
            int status = execute(progress);
            out().printf(Locale.ROOT, "%s finished in %.1f s%n", name(), (System.nanoTime() - start) / 1e9);
            return status;
        } finally {
            progress.close();
            out().flush();
        }
    }

    /** The command's work; returns the exit status. */
    abstract int execute(ProgressListener progress) throws Exception;
}
