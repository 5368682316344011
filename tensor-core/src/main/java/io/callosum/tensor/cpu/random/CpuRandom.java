package io.callosum.tensor.cpu.random;

import io.callosum.tensor.DType;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.CounterRandom;
import io.callosum.tensor.spi.Operand;

/** Counter-based random fills (element i depends only on seed and i), split over threads; FLOAT64 draws 53-bit values. */
public final class CpuRandom {
    private CpuRandom() {
    }

    /** Fills contiguous out with uniform values in [lo, hi) from the counter-based stream of seed. */
    public static void uniform(Operand out, long seed, double lo, double hi) {
        CpuStorage s = CpuMemory.cs(out);
        int o = out.offset();
        double span = hi - lo;
        boolean wide = out.dtype() == DType.FLOAT64;
        Parallel.range(out.numel(), CpuMemory.GRAIN, (st, e) -> {
            if (wide) for (int j = st; j < e; j++) s.set(o + j, lo + span * CounterRandom.uniform53(seed, j));
            else for (int j = st; j < e; j++) s.set(o + j, lo + span * CounterRandom.uniform(seed, j));
        });
    }

    /** Fills contiguous out with normal values from the counter-based stream of seed. */
    public static void normal(Operand out, long seed, double mean, double std) {
        CpuStorage s = CpuMemory.cs(out);
        boolean wide = out.dtype() == DType.FLOAT64;
        int o = out.offset();
        Parallel.range(out.numel(), CpuMemory.GRAIN, (st, e) -> {
            if (wide) for (int j = st; j < e; j++) s.set(o + j, mean + std * CounterRandom.normal53(seed, j));
            else for (int j = st; j < e; j++) s.set(o + j, mean + std * CounterRandom.normal(seed, j));
        });
    }

    /** Fills contiguous out with 1 where the stream's uniform value is below p, else 0. */
    public static void bernoulli(Operand out, long seed, double p) {
        CpuStorage s = CpuMemory.cs(out);
        int o = out.offset();
        Parallel.range(out.numel(), CpuMemory.GRAIN, (st, e) -> {
            for (int j = st; j < e; j++) s.set(o + j, CounterRandom.uniform(seed, j) < p ? 1 : 0);
        });
    }
}
