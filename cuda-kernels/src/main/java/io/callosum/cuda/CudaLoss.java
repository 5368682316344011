package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

/** softmax / logSoftmax forward and backward over any dim, and NLL over [N, C, S] (loss.cu). */
final class CudaLoss extends Family {
    CudaLoss(CudaDevice dev) {
        super(dev);
    }

    /** [outer, D, inner] view of a contiguous shape around dim. */
    private static int[] view(Operand t, int dim) {
        int[] s = t.shape();
        return new int[]{product(s, 0, dim), s[dim], product(s, dim + 1, s.length)};
    }

    private int rowsBlock(int d) {
        int b = Integer.highestOneBit(Math.max(1, d - 1)) << 1;
        return Math.max(32, Math.min(256, b));
    }

    void softmaxForward(Operand x, Operand out, int dim, boolean log) {
        int[] v = view(x, dim);
        if (x.numel() == 0) return;
        if (v[2] == 1) {
            dev.launch("loss", "softmax_rows", Math.min(v[0], dev.multiprocessors * 16), 1, 1, rowsBlock(v[1]), 0,
                    ptr(x), ptr(out), v[0], v[1], log ? 1 : 0);
        } else {
            dev.launch1d("loss", "softmax_cols", (long) v[0] * v[2], ptr(x), ptr(out), v[0], v[1], v[2], log ? 1 : 0);
        }
    }

    void softmaxBackward(Operand gy, Operand y, Operand gx, int dim, boolean log) {
        int[] v = view(y, dim);
        if (y.numel() == 0) return;
        if (v[2] == 1) {
            dev.launch("loss", "softmax_bwd_rows", Math.min(v[0], dev.multiprocessors * 16), 1, 1, rowsBlock(v[1]), 0,
                    ptr(gy), ptr(y), ptr(gx), v[0], v[1], log ? 1 : 0);
        } else {
            dev.launch1d("loss", "softmax_bwd_cols", (long) v[0] * v[2], ptr(gy), ptr(y), ptr(gx), v[0], v[1], v[2], log ? 1 : 0);
        }
    }

    void nllForward(Operand logp, Operand target, Operand weight, int ignoreIndex, Operand loss, Operand lossWeight) {
        int n = logp.size(0), c = logp.size(1), s = logp.size(2);
        dev.launch1d("loss", "nll_fwd", (long) n * s, ptr(logp), ptr(target), ptrOrNull(weight), ignoreIndex, n, c, s, ptr(loss), ptr(lossWeight));
    }

    void nllBackward(Operand gloss, Operand target, Operand weight, int ignoreIndex, Operand glogp) {
        int n = glogp.size(0), c = glogp.size(1), s = glogp.size(2);
        dev.launch1d("loss", "nll_bwd", (long) n * c * s, ptr(gloss), ptr(target), ptrOrNull(weight), ignoreIndex, n, c, s, ptr(glogp));
    }
}
