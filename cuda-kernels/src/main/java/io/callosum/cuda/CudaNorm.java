package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

/**
 * Batch normalisation over channel dim 1 (norm.cu): per-channel sums as two-stage reductions split by
 * {@link ChannelChunks} (many blocks per channel, then a finishing kernel), then elementwise passes.
 */
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
        int m = n * s;
        if (training) {
            ChannelChunks plan = ChannelChunks.of(m, c, dev.multiprocessors);
            try (CudaDevice.Scratch partial = dev.scratch(plan.partialBytes(c))) {
                dev.launch("norm", "bn_partial_stats", (int) plan.blocks(c), 1, 1, ChannelChunks.THREADS, 0, ptr(x), n, c, s,
                        plan.chunkLen(), plan.chunks(), partial.ptr);
                finishStats(partial.ptr, plan.chunks(), c, m, true, momentum, eps, runningMean, runningVar, saveMean, saveInvStd);
            }
        } else {
            finishStats(KernelArgs.NULL, 0, c, m, false, momentum, eps, runningMean, runningVar, saveMean, saveInvStd);
        }
        int total = x.numel();
        dev.launch1d("norm", "bn_apply", total, ptr(x), ptr(saveMean), ptr(saveInvStd), ptrOrNull(gamma), ptrOrNull(beta), ptr(out), c, s, total);
    }

    private void finishStats(Object partial, int chunks, int c, int m, boolean training, double momentum, double eps,
                             Operand runningMean, Operand runningVar, Operand saveMean, Operand saveInvStd) {
        dev.launch1d("norm", "bn_finish_stats", c, partial, chunks, c, m, training ? 1 : 0, momentum, eps,
                ptrOrNull(runningMean), ptrOrNull(runningVar), ptr(saveMean), ptr(saveInvStd));
    }

    void backward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd, Operand gx, Operand ggamma, Operand gbeta) {
        int n = x.size(0), c = x.size(1), s = x.numel() / Math.max(1, n * c);
        if (c == 0) return;
        ChannelChunks plan = ChannelChunks.of(n * s, c, dev.multiprocessors);
        try (CudaDevice.Scratch sums = dev.scratch(8L * c); CudaDevice.Scratch partial = dev.scratch(plan.partialBytes(c))) {
            dev.launch("norm", "bn_backward_partial", (int) plan.blocks(c), 1, 1, ChannelChunks.THREADS, 0, ptr(gy), ptr(x),
                    ptr(saveMean), ptr(saveInvStd), n, c, s, plan.chunkLen(), plan.chunks(), partial.ptr);
            dev.launch1d("norm", "bn_backward_finish", c, partial.ptr, plan.chunks(), c, sums.ptr, ptrOrNull(ggamma), ptrOrNull(gbeta));
            int total = x.numel();
            dev.launch1d("norm", "bn_backward_apply", total, ptr(gy), ptr(x), ptr(saveMean), ptr(saveInvStd), ptrOrNull(gamma),
                    sums.ptr, ptr(gx), c, s, n * s, total);
        }
    }
}
