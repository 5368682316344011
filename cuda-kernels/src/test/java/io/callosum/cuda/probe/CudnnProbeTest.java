package io.callosum.cuda.probe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cuDNN self-test's decision with made-up native results: first failure wins, named, in one line. */
class CudnnProbeTest {
    final List<String> ran = new ArrayList<>();

    CudnnProbe.Step step(String name, int status) {
        return new CudnnProbe.Step(name, () -> {
            ran.add(name);
            return status;
        });
    }

    static String describe(int s) {
        return s == 3009 ? "CUDNN_STATUS_NOT_SUPPORTED_SUBLIBRARY_UNAVAILABLE" : "";
    }

    @Test
    void allStepsSucceeding() {
        assertEquals(Optional.empty(), CudnnProbe.firstFailure(List.of(step("descriptors", 0), step("forward", 0)), CudnnProbeTest::describe));
        assertEquals(List.of("descriptors", "forward"), ran);
    }

    @Test
    void aMissingSubLibraryStopsTheTestAtItsStepAndNamesIt() {
        Optional<String> f = CudnnProbe.firstFailure(List.of(step("descriptors", 0), step("cudnnConvolutionForward on 1×2×5×5", 3009),
                step("backward data", 0)), CudnnProbeTest::describe);
        assertEquals("cudnnConvolutionForward on 1×2×5×5 returned status 3009 (CUDNN_STATUS_NOT_SUPPORTED_SUBLIBRARY_UNAVAILABLE)", f.orElseThrow());
        assertEquals(List.of("descriptors", "cudnnConvolutionForward on 1×2×5×5"), ran, "later steps are not run");
        String line = CudnnProbe.reason("cuDNN (libcudnn.so.9)", f.get());
        assertEquals("cuDNN (libcudnn.so.9) not used: its self-test failed: cudnnConvolutionForward on 1×2×5×5 returned status 3009 "
                + "(CUDNN_STATUS_NOT_SUPPORTED_SUBLIBRARY_UNAVAILABLE); using built-in convolution kernels", line);
    }

    @Test
    void whatAStepThrowsIsAFailureToo() {
        Optional<String> f = CudnnProbe.firstFailure(List.of(new CudnnProbe.Step("cudnnGetConvolutionForwardAlgorithm_v7", () -> {
            throw new UnsatisfiedLinkError("libcudnn_cnn.so.9: cannot open shared object file\nsecond line");
        })), CudnnProbeTest::describe);
        assertEquals("cudnnGetConvolutionForwardAlgorithm_v7 threw UnsatisfiedLinkError: libcudnn_cnn.so.9: cannot open shared object file", f.orElseThrow());
        assertTrue(CudnnProbe.firstFailure(List.of(step("x", 7)), s -> "").orElseThrow().endsWith("returned status 7"));
    }
}
