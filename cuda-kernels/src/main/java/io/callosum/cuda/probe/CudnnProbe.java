package io.callosum.cuda.probe;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The cuDNN self-test's decision, apart from the native calls: run the steps the backend will depend on (descriptors,
 * algorithm queries, a tiny convolution in each direction) in order and stop at the first that fails. cuDNN 9 loads
 * its sub-libraries (ops, cnn, engines) lazily, so a missing one shows up here, not at the first real convolution.
 */
public final class CudnnProbe {
    private CudnnProbe() {
    }

    /** One native step: what it does and the call, which returns a cuDNN status (0 = success). */
    public record Step(String name, IntSupplier call) {
    }

    /** Empty when every step succeeded, else what failed: the step and its status (described) or what it threw. */
    public static Optional<String> firstFailure(List<Step> steps, IntFunction<String> describe) {
        for (Step s : steps) {
            int status;
            try {
                status = s.call().getAsInt();
            } catch (RuntimeException | LinkageError e) {
                return Optional.of(s.name() + " threw " + e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())));
            }
            if (status != 0) {
                String d = describe.apply(status);
                return Optional.of(s.name() + " returned status " + status + (d == null || d.isEmpty() ? "" : " (" + d + ")"));
            }
        }
        return Optional.empty();
    }

    /** The probe line's reason when the self-test failed. */
    public static String reason(String label, String failure) {
        return label + " not used: its self-test failed: " + failure + "; using built-in convolution kernels";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
