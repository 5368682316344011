package io.callosum.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A well-formed safetensors file whose content does not fit what it is loaded into: not a callosum checkpoint, a
 * newer version, a different optimizer, missing state, shape mismatches. The message names the file and the
 * problem; nothing was changed when it is thrown.
 */
public class CheckpointException extends IOException {
    private final Path file;

    public CheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
