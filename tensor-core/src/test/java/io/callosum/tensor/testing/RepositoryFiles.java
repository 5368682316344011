package io.callosum.tensor.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the source tree for tests, found the same way whether the test runs from its module's folder (Maven's
 * surefire) or from anywhere else inside the repository (gpu-test.sh's launcher): the repository root is the nearest
 * folder, from the working directory up, that holds tensor-core/pom.xml.
 */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tensor-core").resolve("pom.xml"))) return d;
        }
        throw new IllegalStateException("RepositoryFiles: no folder holding tensor-core/pom.xml at or above " + start);
    }

    /** A path relative to the repository root, e.g. {@code "cuda-kernels/src/main/cuda/random.cu"}; it must exist. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("RepositoryFiles: " + relative + " does not exist under " + root());
        return p;
    }
}
