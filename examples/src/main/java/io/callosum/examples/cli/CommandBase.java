package io.callosum.examples.cli;

import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** What every computing subcommand shares: the run options, the output streams and a progress listener. */
abstract class CommandBase implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin RunOptions run = new RunOptions();

    private RunFolder folder;

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

    /** The name of the default output folder, runs/&lt;name&gt;. */
    String outName() {
        return spec.name();
    }

    /**
     * The folder the command writes its report and checkpoints to (--out, or runs/&lt;name&gt;), prepared on first use
     * — checked writable, locked, swept, claimed (see {@link RunFolder}) — and held until the command ends. Commands
     * ask for it after checking their options and before reading data or training, so that a bad or busy --out fails
     * in seconds.
     */
    Path outDir() throws IOException {
        if (folder == null) folder = RunFolder.open(run.out(outName()), name(), reuse(), out());
        return folder.dir();
    }

    /** Whether the command continues the run whose outputs are in its folder (pretrain --resume). */
    boolean resuming() {
        return false;
    }

    /** How the command treats an earlier run's outputs in its folder. */
    RunFolder.Reuse reuse() {
        return resuming() ? RunFolder.Reuse.RESUME : run.overwrite() ? RunFolder.Reuse.OVERWRITE : RunFolder.Reuse.NEW;
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
            if (folder != null) folder.close(); // releases the lock
            folder = null;
        }
    }

    /** The command's work; returns the exit status. */
    abstract int execute(ProgressListener progress) throws Exception;
}
