package io.callosum.examples.cli;

import io.callosum.nn.data.DataLoaderException;
import io.callosum.nn.data.DatasetFormatException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a failure that reaches the top of the command line is printed, and with which exit status. */
class ErrorsTest {
    private static String[] report(Exception e, int[] status) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CallosumCli());
        cli.setErr(new PrintWriter(err, true));
        status[0] = Errors.onFailure(e, cli, null);
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void aLoaderFailureOverABadFileIsOneSentenceAndExitTwo() {
        int[] status = new int[1];
        Path file = Path.of("/data/dogs/d3.png");
        String[] lines = report(new DataLoaderException("image folder /data item 7 (epoch 0, batch 1): " + file + ": is a truncated PNG",
                new DatasetFormatException(file, "is a truncated PNG")), status);
        assertEquals(2, status[0]);
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("callosum: image folder /data item 7") && lines[0].contains(file + ": is a truncated PNG"), lines[0]);
    }

    @Test
    void aFileSystemErrorSaysTheReasonNotJustThePath() {
        int[] status = new int[1];
        String[] lines = report(new AccessDeniedException("/data/dogs"), status);
        assertEquals(2, status[0]);
        assertEquals(1, lines.length);
        assertEquals("callosum: /data/dogs: permission denied", lines[0]);
        String[] wrapped = report(new java.io.UncheckedIOException("reading class folder 'dogs'", new AccessDeniedException("/data/dogs")), status);
        assertEquals(2, status[0]);
        assertEquals("callosum: reading class folder 'dogs': /data/dogs: permission denied", wrapped[0]);
    }

    @Test
    void aBugStillShowsItsTrace() {
        int[] status = new int[1];
        String[] lines = report(new NullPointerException("x is null"), status);
        assertEquals(1, status[0]);
        assertTrue(lines.length > 1 && lines[1].contains("NullPointerException"), String.join("\n", lines));
        assertFalse(lines[0].contains("\tat "));
    }
}
