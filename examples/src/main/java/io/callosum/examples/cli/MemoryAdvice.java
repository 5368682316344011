package io.callosum.examples.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an {@link OutOfMemoryError} into advice: the heap the JVM has, the sizes the run asked for, and what to
 * change. A stack trace says nothing useful here; the numbers do.
 */
final class MemoryAdvice {
    /** The options whose values decide how much memory a run needs, shown when it runs out. */
    private static final String[] SIZE_OPTIONS = {"--batch", "--unlabelled", "--train", "--test", "--image-size", "--extract-batch",
            "--quick-batch", "--size"};

    private MemoryAdvice() {
    }

    /** The OutOfMemoryError in t's cause chain (a loader thread's reaches the consumer wrapped), or null. */
    static OutOfMemoryError find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError oom) return oom;
            if (c.getCause() == c) break;
        }
        return null;
    }

    /** Prints the advice for the command that ran (the deepest subcommand parsed) and returns the exit status. */
    static int report(OutOfMemoryError e, String name, CommandLine.ParseResult parsed, PrintWriter err) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf != null && leaf.hasSubcommand()) leaf = leaf.subcommand();
        String command = leaf == null ? name : leaf.commandSpec().qualifiedName();
        List<String> sizes = new ArrayList<>();
        if (leaf != null) {
            for (String o : SIZE_OPTIONS) {
                CommandLine.Model.OptionSpec spec = leaf.commandSpec().findOption(o);
                // a batch size matters at its default too; the other sizes where the user gave them
                boolean shown = leaf.hasMatchedOption(o) || o.endsWith("batch");
                if (spec != null && spec.getValue() != null && shown) sizes.add(o + " " + spec.getValue());
            }
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        err.printf(Locale.ROOT, "%s: out of memory (%s)%n", command, e.getMessage() == null ? "Java heap space" : e.getMessage());
        err.printf(Locale.ROOT, "  the Java heap holds at most %s (Runtime.maxMemory)%s%n", mib(maxHeap),
                sizes.isEmpty() ? "" : "; this run used " + String.join(", ", sizes));
        err.println("  give the JVM more memory, e.g. CALLOSUM_JAVA_OPTS=-Xmx" + suggestedGib(maxHeap) + "g (the callosum script's default is -Xmx8g),");
        err.println("  or ask for less: a smaller --batch, fewer --unlabelled/--train/--test images, a smaller --image-size");
        err.flush();
        return Errors.OUT_OF_MEMORY;
    }

    private static String mib(long bytes) {
        return bytes == Long.MAX_VALUE ? "an unlimited amount" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** Twice the current heap in whole GiB, at least 2. */
    static long suggestedGib(long maxHeap) {
        return Math.max(2, 2 * ((maxHeap + (1L << 30) - 1) >> 30));
    }
}
