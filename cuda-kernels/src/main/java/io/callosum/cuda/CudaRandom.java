package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

/** Counter-based fills (random.cu), the same numbers as the CPU backend's {@link io.callosum.tensor.spi.CounterRandom}. */
final class CudaRandom extends Family {
    CudaRandom(CudaDevice dev) {
        super(dev);
    }

    private static int dtypeCode(Operand t) {
        return switch (t.dtype()) {
            case FLOAT32 -> 0;
            case INT32 -> 1;
            case UINT8 -> 2;
            case FLOAT64 -> throw float64("random fill");
        };
    }

    void uniform(Operand out, long seed, double lo, double hi) {
        dev.launch1d("random", "fill_uniform", out.numel(), ptr(out), dtypeCode(out), out.numel(), seed, lo, hi - lo);
    }

    void normal(Operand out, long seed, double mean, double std) {
        dev.launch1d("random", "fill_normal", out.numel(), ptr(out), dtypeCode(out), out.numel(), seed, mean, std);
    }

    void bernoulli(Operand out, long seed, double p) {
        dev.launch1d("random", "fill_bernoulli", out.numel(), ptr(out), dtypeCode(out), out.numel(), seed, p);
    }
}
