package io.callosum.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A well-formed safetensors file whose content does not fit what it is loaded into: not a callosum checkpoint, a
 * newer version, a different optimizer, missing state, shape mismatches. The message names the file and the
 * problem; nothing was changed when it is thrown.
 */
public class CheckpointException extends IOException {
    /** The checkpoint file concerned. */
    private final Path file;

    /** A problem with file, described for the user. */
    public CheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    /** A problem with file caused by another exception. */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The checkpoint file concerned. */
    public Path file() {
        return file;
    }
}
