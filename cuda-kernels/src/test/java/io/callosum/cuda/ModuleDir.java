package io.callosum.cuda;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the cuda-kernels module for tests that read sources: Maven runs tests from the module directory, the GPU
 * harness from the repository root, so a module-relative path is looked up under both.
 */
final class ModuleDir {
    private ModuleDir() {
    }

    /** The module directory: the working directory itself, or its cuda-kernels child. */
    static Path root() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {cwd, cwd.resolve("cuda-kernels")}) {
            if (Files.isRegularFile(candidate.resolve("build-ptx.sh")) && Files.isDirectory(candidate.resolve("src/main/cuda"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the cuda-kernels module (build-ptx.sh, src/main/cuda) in " + cwd
                + " or its cuda-kernels child; run the tests from the module or the repository root");
    }

    /** A path relative to the module directory, e.g. "src/main/cuda/random.cu". */
    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
