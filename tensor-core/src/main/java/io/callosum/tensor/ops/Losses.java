package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

/** softmax, logSoftmax, negative log-likelihood, cross-entropy (N×C and N×C×H×W) and mean squared error. */
public final class Losses {
    private Losses() {
    }

    /** {@link io.callosum.tensor.Functional#softmax}: FLOAT32, by the backend's softmax kernel. */
    public static Tensor softmax(Tensor x, int dim) {
        return softmaxFamily(x, dim, false);
    }

    /** {@link io.callosum.tensor.Functional#logSoftmax}: FLOAT32, by the backend's log-softmax kernel. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return softmaxFamily(x, dim, true);
    }

    private static Tensor softmaxFamily(Tensor x, int dim, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        Checks.float32(op, "input", x);
        if (x.dim() == 0) throw new IllegalArgumentException(op + ": needs at least one dimension");
        int d = Shape.wrapDim(op, dim, x.dim());
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        x.backend().softmaxForward(x.contiguous(), out, d, log);
        return Autograd.record(op, out, g -> {
            if (!Grad.isEnabled()) { // plain backward: one fused kernel
                Tensor gx = Tensor.empty(g.device(), DType.FLOAT32, g.shape());
                g.backend().softmaxBackward(g.contiguous(), out, gx, d, log);
                return new Tensor[]{gx};
            }
            // create_graph: the same formula from differentiable ops
            if (log) return new Tensor[]{g.sub(out.exp().mul(g.sum(d, true)))};
            return new Tensor[]{out.mul(g.sub(g.mul(out).sum(d, true)))};
        }, x);
    }

    /** Shared validation: logp/logits [N, C, d…] with target INT32 [N, d…]. Returns C. */
    private static int checkTarget(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex) {
        Checks.sameDevice(op, input, target, weight);
        Checks.float32(op, "input", input);
        Checks.dtype(op, "target (class indices)", target, DType.INT32);
        if (input.dim() < 2) throw new IllegalArgumentException(op + ": input must be N×C or N×C×d…, got " + Shape.str(input.shape()));
        int[] is = input.shape();
        int[] expected = new int[is.length - 1];
        expected[0] = is[0];
        System.arraycopy(is, 2, expected, 1, is.length - 2);
        if (!Arrays.equals(target.shape(), expected)) {
            throw new IllegalArgumentException(op + ": target shape " + Shape.str(target.shape()) + " does not match input "
                    + Shape.str(is) + " (expected " + Shape.str(expected) + ")");
        }
        int c = is[1];
        if (weight != null) Checks.shape(op, "class weight", weight, c);
        Checks.indexRange(op, "target", target, c, ignoreIndex);
        return c;
    }

    /** {@link io.callosum.tensor.Functional#nllLoss}: per-element losses by the backend's kernel, then reduced. */
    public static Tensor nllLoss(Tensor logp, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        int c = checkTarget("nllLoss", logp, target, weight, ignoreIndex);
        int n = logp.size(0);
        int s = logp.numel() / Math.max(1, n * c);
        Tensor lp = logp.contiguous().reshape(n, c, s);
        Tensor tg = target.contiguous().reshape(n, s);
        Tensor wc = weight == null ? null : weight.contiguous();
        Tensor loss = Tensor.empty(logp.device(), DType.FLOAT32, n, s);
        Tensor lw = Tensor.empty(logp.device(), DType.FLOAT32, n, s);
        logp.backend().nllLossForward(lp, tg, wc, ignoreIndex, loss, lw);
        Autograd.record("nllLoss", loss, gl -> new Tensor[]{nllBackward(gl, tg, wc, ignoreIndex, c)}, lp);
        return switch (reduction) {
            case NONE -> loss.reshape(target.shape());
            case SUM -> loss.sum();
            case MEAN -> loss.sum().div(lw.sum());
        };
    }

    /** Scatters −w·g to the target class; linear in g, its own backward gathers at the targets. */
    private static Tensor nllBackward(Tensor gl, Tensor target, Tensor weight, int ignoreIndex, int c) {
        int n = gl.size(0), s = gl.size(1);
        Tensor glp = Tensor.empty(gl.device(), DType.FLOAT32, n, c, s);
        gl.backend().nllLossBackward(gl.contiguous(), target, weight, ignoreIndex, glp);
        return Autograd.record("nllLossBackward", glp, gg -> {
            Tensor loss = Tensor.empty(gg.device(), DType.FLOAT32, n, s);
            Tensor lw = Tensor.empty(gg.device(), DType.FLOAT32, n, s);
            gg.backend().nllLossForward(gg.contiguous(), target, weight, ignoreIndex, loss, lw);
            return new Tensor[]{loss};
        }, gl);
    }

    /** {@link io.callosum.tensor.Functional#crossEntropy(Tensor, Tensor, Tensor, int, Reduction)}: nllLoss of logSoftmax over dim 1. */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        checkTarget("crossEntropy", logits, target, weight, ignoreIndex);
        return nllLoss(logSoftmax(logits, 1), target, weight, ignoreIndex, reduction);
    }

    /** {@link io.callosum.tensor.Functional#mse(Tensor, Tensor, Reduction)}: composed of sub, square and the reduction. */
    public static Tensor mse(Tensor x, Tensor y, Reduction reduction) {
        Checks.sameDevice("mse", x, y);
        if (!Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException("mse: input " + Shape.str(x.shape()) + " and target " + Shape.str(y.shape()) + " differ in shape");
        }
        Tensor sq = x.sub(y).square();
        return switch (reduction) {
            case NONE -> sq;
            case SUM -> sq.sum();
            case MEAN -> sq.mean();
        };
    }
}
