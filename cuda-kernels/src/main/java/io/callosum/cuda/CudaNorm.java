package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

/** Batch normalisation over channel dim 1 (norm.cu): per-channel statistics blocks, then elementwise passes. */
final class CudaNorm extends Family {
    CudaNorm(CudaDevice dev) {
        super(dev);
    }

    void forward(Operand x, Operand gamma, Operand beta, Operand runningMean, Operand runningVar, Operand out,
                 Operand saveMean, Operand saveInvStd, boolean training, double momentum, double eps) {
        int n = x.size(0), c = x.size(1), s = x.numel() / Math.max(1, n * c);
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("batchNormForward: eval mode needs running mean and variance");
        }
        if (c == 0) return;
        dev.launch("norm", "bn_stats", c, 1, 1, CudaDevice.BLOCK, 0, ptr(x), n, c, s, training ? 1 : 0, momentum, eps,
                ptrOrNull(runningMean), ptrOrNull(runningVar), ptr(saveMean), ptr(saveInvStd));
        int total = x.numel();
        dev.launch1d("norm", "bn_apply", total, ptr(x), ptr(saveMean), ptr(saveInvStd), ptrOrNull(gamma), ptrOrNull(beta), ptr(out), c, s, total);
    }

    void backward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd, Operand gx, Operand ggamma, Operand gbeta) {
        int n = x.size(0), c = x.size(1), s = x.numel() / Math.max(1, n * c);
        if (c == 0) return;
        try (CudaDevice.Scratch sums = dev.scratch(8L * c)) {
            dev.launch("norm", "bn_backward_reduce", c, 1, 1, CudaDevice.BLOCK, 0, ptr(gy), ptr(x), ptr(saveMean), ptr(saveInvStd),
                    n, c, s, sums.ptr, ptrOrNull(ggamma), ptrOrNull(gbeta));
            int total = x.numel();
            dev.launch1d("norm", "bn_backward_apply", total, ptr(gy), ptr(x), ptr(saveMean), ptr(saveInvStd), ptrOrNull(gamma),
                    sums.ptr, ptr(gx), c, s, n * s, total);
        }
    }
}
