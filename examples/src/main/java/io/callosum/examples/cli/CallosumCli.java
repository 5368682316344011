package io.callosum.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code callosum} command line: subcommands for the main job, training, evaluation and inspection. */
@Command(name = "callosum", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Tensors, autodiff and Split-Brain Autoencoders for the JVM.",
        footer = {"", "Exit status: 0 done, 1 failed while running (e.g. training diverged), 2 bad arguments or bad input "
                + "(an option, a damaged image or checkpoint, an --out folder in use or not writable), 3 out of memory."},
        subcommands = {DemoCommand.class, PretrainCommand.class, ProbeCommand.class, FinetuneCommand.class, FewShotCommand.class,
                ColorizeCommand.class, ReproduceCommand.class, FashionMnistCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class CallosumCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI with the given streams and returns the exit status (0 ok, 1 runtime error, 2 usage error or bad
     * input, 3 out of memory).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CallosumCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Double.class, Converters::finiteDouble);
        cli.registerConverter(Double.TYPE, Converters::finiteDouble);
        cli.setParameterExceptionHandler(Errors::onBadArguments);
        cli.setExecutionExceptionHandler(Errors::onFailure);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // picocli hands Exceptions to onFailure; an Error comes through here
            return MemoryAdvice.report(e, "callosum", cli.getParseResult(), err);
        }
    }
}
