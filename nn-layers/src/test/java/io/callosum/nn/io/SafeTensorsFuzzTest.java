package io.callosum.nn.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.callosum.nn.data.FuzzFiles;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Jazzer target for the safetensors reader (seed corpus under {@code SafeTensorsFuzzTestInputs/read/}): every input
 * loads or is refused with {@link SafeTensorsFormatException}; anything else is a finding.
 */
class SafeTensorsFuzzTest {
    private static final Path FILE = FuzzFiles.scratchDir("callosum-safetensors-fuzz").resolve("fuzzed.safetensors");

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "8m")
    void read(byte[] input) throws IOException {
        FuzzFiles.write(FILE, input);
        SafeTensors.Contents c;
        try {
            c = SafeTensors.read(FILE);
        } catch (SafeTensorsFormatException documented) {
            return;
        }
        c.tensors().values().forEach(Tensor::close);
    }
}
