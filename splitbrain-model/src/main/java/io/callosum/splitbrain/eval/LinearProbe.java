package io.callosum.splitbrain.eval;

import io.callosum.nn.optim.Adam;
import io.callosum.nn.optim.Optimizer;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * A linear classifier (softmax regression) on frozen features: features standardised with the training set's
 * per-dimension mean and deviation, trained with Adam and a small L2 penalty, evaluated top-1/top-5.
 */
public final class LinearProbe {
    /** Settings (the presets' values come from {@code io.callosum.splitbrain.config.ProbeConfig}). */
    public record Config(int epochs, int batchSize, double lr, double weightDecay, long seed) {
    }

    private LinearProbe() {
    }

    /** Trains on layer {@code layer} of train and evaluates on the same layer of test. */
    public static Accuracy fitAndEvaluate(FeatureSet train, FeatureSet test, int layer, int classes, Config cfg) {
        return fitAndEvaluate(train.layer(layer), train.labels(), test.layer(layer), test.labels(), classes, cfg);
    }

    public static Accuracy fitAndEvaluate(Tensor xTrain, int[] yTrain, Tensor xTest, int[] yTest, int classes, Config cfg) {
        int n = xTrain.size(0), d = xTrain.size(1);
        Tensor mean, inv;
        try (Grad.Guard ng = Grad.disabled()) {
            mean = xTrain.mean(0, true);
            inv = xTrain.var(new int[]{0}, false, true).add(1e-5).rsqrt();
        }
        Tensor xs = standardize(xTrain, mean, inv), xt = standardize(xTest, mean, inv);
        Generator g = new Generator(cfg.seed());
        Tensor w = Tensor.randn(g, d, classes).mul(0.01 / Math.sqrt(Math.max(1, d / 100.0))).requiresGrad(true);
        Tensor b = Tensor.zeros(classes).requiresGrad(true);
        Optimizer opt = new Adam(List.of(w, b), cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay());
        Tensor y = Tensor.of(yTrain, n);
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            int[] order = g.permutation(n);
            for (int start = 0; start < n; start += cfg.batchSize()) {
                int len = Math.min(cfg.batchSize(), n - start);
                int[] rows = java.util.Arrays.copyOfRange(order, start, start + len);
                try (Scope s = Scope.open()) {
                    Tensor idx = Tensor.of(rows, len);
                    Tensor logits = xs.indexSelect(0, idx).matmul(w).add(b);
                    Tensor loss = Functional.crossEntropy(logits, y.indexSelect(0, idx));
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
        }
        try (Grad.Guard ng = Grad.disabled()) {
            return Accuracy.of(xt.matmul(w).add(b), yTest);
        }
    }

    private static Tensor standardize(Tensor x, Tensor mean, Tensor inv) {
        try (Grad.Guard ng = Grad.disabled()) {
            return Scope.escape(x.sub(mean).mul(inv).contiguous());
        }
    }
}
