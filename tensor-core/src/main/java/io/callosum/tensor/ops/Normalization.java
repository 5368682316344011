package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;

import static io.callosum.tensor.Autograd.needs;

/** Batch normalisation (training and eval, running statistics) and dropout. */
public final class Normalization {
    private Normalization() {
    }

    /** {@link io.callosum.tensor.Functional#batchNorm}: the training kernel with its backward, or in eval mode a per-channel affine map. */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        Checks.sameDevice("batchNorm", x, runningMean, runningVar, weight, bias);
        Checks.float32("batchNorm", "input", x);
        if (x.dim() < 2) throw new IllegalArgumentException("batchNorm: input must be N×C[×…], got " + Shape.str(x.shape()));
        int c = x.size(1);
        for (Tensor t : new Tensor[]{runningMean, runningVar, weight, bias}) {
            if (t == null) continue;
            Checks.float32("batchNorm", "per-channel tensor", t);
            Checks.shape("batchNorm", "per-channel tensor", t, c);
        }
        if (!(eps > 0)) throw new IllegalArgumentException("batchNorm: eps must be > 0, got " + eps);
        int[] bshape = new int[x.dim()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = c;
        if (!training) {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batchNorm: eval mode needs running mean and variance (the layer was built without track_running_stats)");
            }
            if (!Grad.isEnabled() || !(needs(x) || needs(weight) || needs(bias) || needs(runningMean) || needs(runningVar))) {
                return evalWithoutGradient(x, runningMean, runningVar, weight, bias, eps);
            }
            // With gradients, eval mode is an affine map per channel composed from differentiable ops.
            Tensor scale = runningVar.add(eps).rsqrt();
            if (weight != null) scale = scale.mul(weight);
            Tensor shift = runningMean.mul(scale).neg();
            if (bias != null) shift = shift.add(bias);
            return x.mul(scale.reshape(bshape)).add(shift.reshape(bshape));
        }
        long perChannel = (long) x.numel() / Math.max(c, 1);
        if (perChannel <= 1) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input " + Shape.str(x.shape()));
        }
        Tensor xc = x.contiguous();
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        Tensor mean = Tensor.empty(x.device(), DType.FLOAT32, c);
        Tensor invStd = Tensor.empty(x.device(), DType.FLOAT32, c);
        // Kernels take contiguous tensors: strided per-channel views are copied (running ones copied back after).
        Tensor wc, bc;
        try (Grad.Guard ng = Grad.disabled()) {
            wc = weight == null ? null : weight.contiguous();
            bc = bias == null ? null : bias.contiguous();
            Tensor rm = runningMean == null ? null : runningMean.contiguous();
            Tensor rv = runningVar == null ? null : runningVar.contiguous();
            x.backend().batchNormForward(xc, wc, bc, rm, rv, out, mean, invStd, true, momentum, eps);
            if (rm != runningMean) runningMean.copyFrom(rm);
            if (rv != runningVar) runningVar.copyFrom(rv);
        }
        if (runningMean != null) TensorInternals.storage(runningMean).bumpVersion();
        if (runningVar != null) TensorInternals.storage(runningVar).bumpVersion();
        return Autograd.record("batchNorm", out, gy -> {
            if (Grad.isEnabled()) return composedBackward(gy, x, weight, bias, eps, bshape); // createGraph: differentiable
            Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, xc.shape());
            Tensor gw = needs(weight) ? Tensor.empty(gy.device(), DType.FLOAT32, c) : null;
            Tensor gb = needs(bias) ? Tensor.empty(gy.device(), DType.FLOAT32, c) : null;
            gy.backend().batchNormBackward(gy.contiguous(), xc, wc, mean, invStd, gx, gw, gb);
            return new Tensor[]{needs(x) ? gx : null, gw, gb};
        }, x, weight, bias);
    }

    /**
     * Training-mode backward written with ops, for higher-order gradients: with x̂ = (x − μ)/σ over the batch and
     * spatial dims, dx = w/σ · (gy − mean(gy) − x̂ · mean(gy · x̂)), dw = Σ gy · x̂, db = Σ gy — the statistics
     * recomputed from x so that the result stays differentiable in x as well as in gy and w.
     */
    private static Tensor[] composedBackward(Tensor gy, Tensor x, Tensor weight, Tensor bias, double eps, int[] bshape) {
        int[] dims = new int[x.dim() - 1];
        for (int d = 0, k = 0; d < x.dim(); d++) if (d != 1) dims[k++] = d;
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor invStd = centred.square().mean(dims, true).add(eps).rsqrt();
        Tensor xhat = centred.mul(invStd);
        Tensor gx = null;
        if (needs(x)) {
            Tensor scale = weight == null ? invStd : invStd.mul(weight.reshape(bshape));
            gx = gy.sub(gy.mean(dims, true)).sub(xhat.mul(gy.mul(xhat).mean(dims, true))).mul(scale);
        }
        return new Tensor[]{gx, needs(weight) ? gy.mul(xhat).sum(dims, false) : null, needs(bias) ? gy.sum(dims, false) : null};
    }

    /**
     * Eval mode when nothing is to be differentiated (inference, feature extraction): the kernel's eval pass, one read
     * and one write of x, where the composed form made two broadcast passes and three small per-channel ops.
     */
    private static Tensor evalWithoutGradient(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
                                              Tensor bias, double eps) {
        int c = x.size(1);
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        try (Grad.Guard ng = Grad.disabled();
             Tensor mean = Tensor.empty(x.device(), DType.FLOAT32, c);
             Tensor invStd = Tensor.empty(x.device(), DType.FLOAT32, c)) {
            Tensor xc = x.contiguous(), rm = runningMean.contiguous(), rv = runningVar.contiguous();
            Tensor wc = weight == null ? null : weight.contiguous(), bc = bias == null ? null : bias.contiguous();
            try {
                x.backend().batchNormForward(xc, wc, bc, rm, rv, out, mean, invStd, false, 0, eps);
            } finally {
                // contiguous() returns the tensor itself when it already is; only copies are ours to free
                if (xc != x) xc.close();
                if (rm != runningMean) rm.close();
                if (rv != runningVar) rv.close();
                if (wc != weight && wc != null) wc.close();
                if (bc != bias && bc != null) bc.close();
            }
        }
        return out;
    }

    /** Zeroes each element with probability p and scales the rest by 1/(1−p); identity when not training. */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
        if (!training || p == 0) return x;
        Tensor mask = Randoms.bernoulli(gen, x.device(), x.dtype().floating(), 1 - p, x.shape());
        if (p < 1) {
            try (Grad.Guard ng = Grad.disabled()) {
                mask.mulInPlace(1.0 / (1 - p));
            }
        }
        return x.mul(mask);
    }
}
