package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;

/**
 * Batch normalisation over the channels of [N, C, H, W]: weight (γ, ones) and bias (β, zeros); buffers
 * running_mean, running_var and num_batches_tracked, named and updated as in PyTorch (momentum 0.1, unbiased
 * running variance). Training normalises with batch statistics, eval with the running ones.
 */
public final class BatchNorm2d extends Module {
    private final int channels;
    private final double eps, momentum;
    private final boolean trackRunningStats;

    public BatchNorm2d(int channels, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        if (channels < 1) throw new IllegalArgumentException("BatchNorm2d: channels must be >= 1, got " + channels);
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm2d: need eps > 0 and momentum in [0, 1], got eps=" + eps + ", momentum=" + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            registerParameter("weight", Tensor.ones(channels));
            registerParameter("bias", Tensor.zeros(channels));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(channels));
            registerBuffer("running_var", Tensor.ones(channels));
            registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT32));
        }
    }

    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1, true, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 4 || x.size(1) != channels) {
            throw new IllegalArgumentException("BatchNorm2d(" + channels + "): expected input [N, " + channels + ", H, W], got "
                    + io.callosum.tensor.Shape.str(x.shape()));
        }
        Tensor mean = trackRunningStats ? buffer("running_mean") : null, var = trackRunningStats ? buffer("running_var") : null;
        // batch statistics in training, and always when no running statistics are kept (as PyTorch)
        Tensor y = Functional.batchNorm(x, mean, var, optionalParameter("weight"), optionalParameter("bias"),
                isTraining() || !trackRunningStats, momentum, eps);
        if (trackRunningStats && isTraining()) {
            try (Grad.Guard g = Grad.disabled()) {
                buffer("num_batches_tracked").addInPlace(Tensor.scalar(x.device(), DType.INT32, 1));
            }
        }
        return y;
    }

    @Override
    protected String describe() {
        return "BatchNorm2d(" + channels + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
