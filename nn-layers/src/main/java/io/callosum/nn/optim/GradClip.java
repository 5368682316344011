package io.callosum.nn.optim;

import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.List;

/** Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), where ‖g‖ is the L2 norm over all gradients together.
     * Returns that total norm (before clipping). A non-finite norm is reported, not hidden: it throws, naming the norm.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be > 0, got " + maxNorm);
        double sq = 0;
        try (Grad.Guard g = Grad.disabled(); Scope s = Scope.open()) {
            for (Tensor p : params) {
                if (p.grad() != null) sq += p.grad().square().sum().item();
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                throw new ArithmeticException("clipGradNorm: total gradient norm is " + norm + " (a gradient holds NaN or Inf)");
            }
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (Tensor p : params) if (p.grad() != null) p.grad().mulInPlace(coef);
            }
            return norm;
        }
    }
}
