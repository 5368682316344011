package io.callosum.cuda.vendor;

import io.callosum.cuda.alloc.DeviceOutOfMemoryException;
import io.callosum.cuda.alloc.MemoryStats;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order in which a convolution tries cuDNN's ranked algorithms, and when it gives up for the built-in kernels. */
class AlgorithmFallbackTest {
    static final int NOT_SUPPORTED = 3000, NOT_SUPPORTED_SHAPE = 3002, BAD_PARAM = 2000, DEVICE_ALLOCATION_FAILED = 4004;

    final List<String> log = new ArrayList<>();
    long memoryLimit = Long.MAX_VALUE;

    Cudnn.Buffer workspace(long bytes) {
        if (bytes > memoryLimit) {
            log.add("oom " + bytes);
            throw new DeviceOutOfMemoryException("fake out of memory", bytes, new MemoryStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        log.add("ws " + bytes);
        return new Cudnn.Buffer() {
            @Override
            public CUdeviceptr pointer() {
                return new CUdeviceptr();
            }

            @Override
            public void close() {
                log.add("free " + bytes);
            }
        };
    }

    AlgorithmFallback.Attempt answers(Map<Integer, Integer> statusByAlgo) {
        return (c, ws) -> {
            log.add("run " + c.algo());
            return statusByAlgo.getOrDefault(c.algo(), 0);
        };
    }

    static List<AlgorithmFallback.Candidate> ranked(int... algoAndBytes) {
        List<AlgorithmFallback.Candidate> out = new ArrayList<>();
        for (int i = 0; i < algoAndBytes.length; i += 2) out.add(new AlgorithmFallback.Candidate(algoAndBytes[i], algoAndBytes[i + 1]));
        return out;
    }

    static RuntimeException error(AlgorithmFallback.Candidate c, int s) {
        return new IllegalStateException("algorithm " + c.algo() + " failed with " + s);
    }

    @Test
    void theFirstRankedAlgorithmRunsWhenItWorks() {
        List<AlgorithmFallback.Candidate> r = ranked(1, 100, 0, 0);
        Optional<AlgorithmFallback.Candidate> ran = AlgorithmFallback.run(r, this::workspace, answers(Map.of()), AlgorithmFallbackTest::error);
        assertEquals(1, ran.orElseThrow().algo());
        assertEquals(List.of("ws 100", "run 1", "free 100"), log);
    }

    @Test
    void notSupportedMovesToTheNextAndDropsTheAlgorithmForGood() {
        List<AlgorithmFallback.Candidate> r = ranked(6, 4096, 1, 64, 0, 0);
        Optional<AlgorithmFallback.Candidate> ran = AlgorithmFallback.run(r, this::workspace,
                answers(Map.of(6, NOT_SUPPORTED, 1, NOT_SUPPORTED_SHAPE)), AlgorithmFallbackTest::error);
        assertEquals(0, ran.orElseThrow().algo());
        assertEquals(List.of("ws 4096", "run 6", "free 4096", "ws 64", "run 1", "free 64", "ws 0", "run 0", "free 0"), log);
        assertEquals(ranked(0, 0), r, "unsupported algorithms are not tried again for this geometry");
    }

    @Test
    void aWorkspaceThatCannotBeAllocatedSkipsToTheNextForThisCallOnly() {
        memoryLimit = 1000;
        List<AlgorithmFallback.Candidate> r = ranked(7, 1 << 20, 2, 512);
        assertEquals(2, AlgorithmFallback.run(r, this::workspace, answers(Map.of()), AlgorithmFallbackTest::error).orElseThrow().algo());
        assertEquals(List.of("oom 1048576", "ws 512", "run 2", "free 512"), log);
        assertEquals(2, r.size(), "the big algorithm stays ranked: memory may be free next time");
        log.clear();
        memoryLimit = Long.MAX_VALUE;
        assertEquals(7, AlgorithmFallback.run(r, this::workspace, answers(Map.of()), AlgorithmFallbackTest::error).orElseThrow().algo());
    }

    @Test
    void cudnnsOwnDeviceAllocationFailureAlsoTriesTheNext() {
        List<AlgorithmFallback.Candidate> r = ranked(3, 0, 4, 0);
        assertEquals(4, AlgorithmFallback.run(r, this::workspace, answers(Map.of(3, DEVICE_ALLOCATION_FAILED)), AlgorithmFallbackTest::error)
                .orElseThrow().algo());
        assertEquals(2, r.size());
    }

    @Test
    void whenNothingRunsTheCallerIsToldToUseItsOwnKernels() {
        memoryLimit = 10;
        List<AlgorithmFallback.Candidate> r = ranked(1, 100, 0, 0);
        assertTrue(AlgorithmFallback.run(r, this::workspace, answers(Map.of(0, NOT_SUPPORTED)), AlgorithmFallbackTest::error).isEmpty());
        assertEquals(List.of("oom 100", "ws 0", "run 0", "free 0"), log);
        assertTrue(AlgorithmFallback.run(new ArrayList<>(), this::workspace, answers(Map.of()), AlgorithmFallbackTest::error).isEmpty(),
                "an empty ranking (nothing fits the workspace limit) also falls back");
    }

    @Test
    void anyOtherFailureIsAnErrorNotAFallback() {
        List<AlgorithmFallback.Candidate> r = ranked(1, 0, 0, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AlgorithmFallback.run(r, this::workspace, answers(Map.of(1, BAD_PARAM)), AlgorithmFallbackTest::error));
        assertEquals("algorithm 1 failed with 2000", e.getMessage());
        assertEquals(List.of("ws 0", "run 1", "free 0"), log, "the workspace is returned even then, and algorithm 0 is not tried");
    }

    @Test
    void statusCategories() {
        assertTrue(AlgorithmFallback.notSupported(3000));
        assertTrue(AlgorithmFallback.notSupported(3009));
        assertTrue(!AlgorithmFallback.notSupported(9) && !AlgorithmFallback.notSupported(2000) && !AlgorithmFallback.notSupported(4004));
    }

    @Test
    void rankingKeepsCudnnsOrderAndDropsFailedOrTooHungryEntries() {
        int[] status = {0, 3000, 0, 0};
        int[] algo = {5, 6, 1, 0};
        long[] memory = {1L << 40, 0, 64, 0};
        List<AlgorithmFallback.Candidate> u = Cudnn.usable(4, i -> status[i], i -> algo[i], i -> memory[i]);
        assertEquals(ranked(1, 64, 0, 0), u, "algo 5 needs more than the 1 GiB workspace limit, algo 6 reported a failure");
    }
}
