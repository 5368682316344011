package io.callosum.examples.cli;

import io.callosum.nn.data.DataLoaderException;
import io.callosum.nn.data.DatasetFormatException;
import io.callosum.nn.io.CheckpointException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * One-line error messages and exit statuses: 2 for bad arguments and bad input (a damaged image or checkpoint, a file
 * or folder that cannot be read or written), 1 for failures while running, 3 for running out of memory.
 */
final class Errors {
    static final int USAGE = 2, FAILURE = 1, OUT_OF_MEMORY = 3;

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
        return USAGE;
    }

    static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        OutOfMemoryError oom = MemoryAdvice.find(e);
        if (oom != null) return MemoryAdvice.report(oom, cmd.getCommandSpec().qualifiedName(), parsed, cmd.getErr());
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + message(e));
        if (!expected(e) || Boolean.getBoolean("callosum.stacktrace")) e.printStackTrace(cmd.getErr());
        return badInput(e) ? USAGE : FAILURE;
    }

    /** Problems with the input or the machine get their message alone; anything else is a bug and shows its trace. */
    private static boolean expected(Throwable e) {
        return badInput(e) || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof IOException || e instanceof UncheckedIOException || e instanceof UnsupportedOperationException
                || e instanceof ArithmeticException || e instanceof java.util.NoSuchElementException;
    }

    /** What the user can fix by changing the arguments or the files: exit status 2. */
    static boolean badInput(Throwable e) {
        if (e instanceof CliUsageException || e instanceof DatasetFormatException || e instanceof CheckpointException
                || e instanceof FileSystemException) return true;
        if (e instanceof DataLoaderException || e instanceof UncheckedIOException) return e.getCause() != null && badInput(e.getCause());
        return false;
    }

    /**
     * The exception's message on one line; a file-system exception, whose message is often the bare path, gets the
     * reason too ("permission denied", "no such file or directory").
     */
    static String message(Throwable e) {
        if (e instanceof FileSystemException f) return fileSystemMessage(f);
        if ((e instanceof UncheckedIOException || e instanceof DataLoaderException) && e.getCause() instanceof FileSystemException f
                && (e.getMessage() == null || !e.getMessage().contains(reason(f)))) {
            String own = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ');
            return (own.isEmpty() ? "" : own + ": ") + fileSystemMessage(f);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
    }

    private static String fileSystemMessage(FileSystemException f) {
        String file = f.getFile() == null ? "" : f.getFile();
        String other = f.getOtherFile() == null ? "" : " → " + f.getOtherFile();
        return file + other + ": " + reason(f);
    }

    /** The reason a file operation failed, in the words of the shell's error messages. */
    static String reason(FileSystemException f) {
        if (f instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (f instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (f instanceof java.nio.file.NotDirectoryException) return "not a directory";
        if (f instanceof java.nio.file.FileAlreadyExistsException) return "already exists";
        if (f instanceof java.nio.file.DirectoryNotEmptyException) return "folder not empty";
        if (f instanceof java.nio.file.FileSystemLoopException) return "symbolic links form a loop";
        return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    }
}
