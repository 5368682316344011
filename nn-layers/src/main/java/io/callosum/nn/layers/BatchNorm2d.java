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

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, learned γ and β, running statistics kept. */
    public BatchNorm2d(int channels) {
        this(builder(channels));
    }

    private BatchNorm2d(Builder b) {
        this.channels = b.channels;
        this.eps = b.eps;
        this.momentum = b.momentum;
        this.trackRunningStats = b.trackRunningStats;
        if (b.affine) {
            registerParameter("weight", Tensor.ones(channels));
            registerParameter("bias", Tensor.zeros(channels));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(channels));
            registerBuffer("running_var", Tensor.ones(channels));
            registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT32));
        }
    }

    /** Starts a layer over channels channels with PyTorch's defaults, each changeable by name. */
    public static Builder builder(int channels) {
        return new Builder(channels);
    }

    /** Named settings for a {@link BatchNorm2d}, each checked when set. */
    public static final class Builder {
        private final int channels;
        private double eps = 1e-5, momentum = 0.1;
        private boolean affine = true, trackRunningStats = true;

        private Builder(int channels) {
            if (channels < 1) throw new IllegalArgumentException("BatchNorm2d: channels must be >= 1, got " + channels);
            this.channels = channels;
        }

        /** Added to the variance before the square root (default 1e-5); must be > 0. */
        public Builder eps(double eps) {
            if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("BatchNorm2d: eps must be > 0 and finite, got " + eps);
            this.eps = eps;
            return this;
        }

        /** Weight of the newest batch in the running statistics (default 0.1); in [0, 1]. */
        public Builder momentum(double momentum) {
            if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm2d: momentum must be in [0, 1], got " + momentum);
            this.momentum = momentum;
            return this;
        }

        /** Whether γ and β are learned (default true). */
        public Builder affine(boolean affine) {
            this.affine = affine;
            return this;
        }

        /** Whether running statistics are kept for eval (default true); without them eval uses batch statistics. */
        public Builder trackRunningStats(boolean track) {
            this.trackRunningStats = track;
            return this;
        }

        /** The layer. */
        public BatchNorm2d build() {
            return new BatchNorm2d(this);
        }
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
