package io.callosum.cuda.vendor;

import io.callosum.cuda.alloc.DeviceOutOfMemoryException;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Runs a cuDNN convolution with the first algorithm of cuDNN's ranked list that works: an algorithm whose call answers
 * NOT_SUPPORTED (cuDNN 9: any 3xxx status) is dropped from the list for good; one whose workspace cannot be allocated
 * (our allocator, or cuDNN's own device allocation, 4004) is skipped for this call only. When none is left the caller
 * uses its built-in kernels. Any other failure is an error.
 */
public final class AlgorithmFallback {
    private AlgorithmFallback() {
    }

    /** One ranked choice: the algorithm number and the workspace it needs. */
    public record Candidate(int algo, long workspaceBytes) {
    }

    /** Runs the convolution with one algorithm and workspace; returns the cuDNN status. */
    public interface Attempt {
        /** Runs the convolution with {@code c}'s algorithm on a workspace of at least its size; the cuDNN status. */
        int run(Candidate c, Cudnn.Buffer workspace);
    }

    /** cuDNN 9 groups statuses by thousands; 3xxx = NOT_SUPPORTED and its refinements. */
    public static boolean notSupported(int status) {
        return status / 1000 == 3;
    }

    /** CUDNN_STATUS_INTERNAL_ERROR_DEVICE_ALLOCATION_FAILED: cuDNN could not get device memory of its own. */
    public static boolean allocationFailed(int status) {
        return status == 4004;
    }

    /**
     * Tries the candidates in order (removing the unsupported ones from {@code ranked}); returns the one that ran, or
     * empty when none could. {@code error} turns any other failing status into the exception to throw.
     */
    public static Optional<Candidate> run(List<Candidate> ranked, LongFunction<Cudnn.Buffer> workspace, Attempt attempt,
                                          StatusError error) {
        for (Iterator<Candidate> it = ranked.iterator(); it.hasNext(); ) {
            Candidate c = it.next();
            int status;
            try (Cudnn.Buffer ws = workspace.apply(c.workspaceBytes())) {
                status = attempt.run(c, ws);
            } catch (DeviceOutOfMemoryException e) {
                continue;
            }
            if (status == 0) return Optional.of(c);
            if (notSupported(status)) {
                it.remove();
            } else if (!allocationFailed(status)) {
                throw error.of(c, status);
            }
        }
        return Optional.empty();
    }

    /** The exception for a status that is neither success nor a reason to try the next algorithm. */
    public interface StatusError {
        /** The exception to throw for {@code status}, naming candidate {@code c}'s algorithm. */
        RuntimeException of(Candidate c, int status);
    }
}
