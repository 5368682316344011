package io.callosum.splitbrain.eval;

import io.callosum.nn.Module;
import io.callosum.nn.data.TensorBatches;
import io.callosum.nn.optim.Adam;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

/**
 * A linear classifier (softmax regression) on frozen features: features standardised with the training set's
 * per-dimension mean and deviation, trained with Adam and a small L2 penalty, evaluated top-1/top-5.
 */
public final class LinearProbe {
    /** Settings (the presets' values come from {@code io.callosum.splitbrain.config.ProbeConfig}). */
    public record Config(int epochs, int batchSize, double lr, double weightDecay, long seed) {
    }

    /** logits = x·W + b with W [D, K] (small Gaussian init), the probe's whole model. */
    private static final class Head extends Module {
        Head(int d, int classes, Generator g) {
            registerParameter("weight", Tensor.randn(g, d, classes).mul(0.01 / Math.sqrt(Math.max(1, d / 100.0))));
            registerParameter("bias", Tensor.zeros(classes));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(parameter("weight")).add(parameter("bias"));
        }
    }

    private LinearProbe() {
    }

    /** Trains on layer {@code layer} of train and evaluates on the same layer of test. */
    public static Accuracy fitAndEvaluate(FeatureSet train, FeatureSet test, int layer, int classes, Config cfg) {
        return fitAndEvaluate(train.layer(layer), train.labels(), test.layer(layer), test.labels(), classes, cfg);
    }

    public static Accuracy fitAndEvaluate(Tensor xTrain, int[] yTrain, Tensor xTest, int[] yTest, int classes, Config cfg) {
        Tensor mean, inv;
        try (Grad.Guard ng = Grad.disabled()) {
            mean = xTrain.mean(0, true);
            inv = xTrain.var(new int[]{0}, false, true).add(1e-5).rsqrt();
        }
        Tensor xs = standardize(xTrain, mean, inv), xt = standardize(xTest, mean, inv);
        Generator g = new Generator(cfg.seed());
        Head head = new Head(xTrain.size(1), classes, g);
        Trainer trainer = Trainer.builder(head, new Adam(head.parameters(), cfg.lr(), 0.9, 0.999, 1e-8, cfg.weightDecay()),
                        TrainStep.of((x, y, step) -> Functional.crossEntropy(head.forward(x), y)))
                .phase("linear probe").epochs(cfg.epochs()).build();
        trainer.fit(TensorBatches.shuffled(xs, yTrain, cfg.batchSize(), g));
        // the whole test set as one batch: one matrix product, as the features were scored before
        return Accuracy.of(trainer.evaluate(TensorBatches.inOrder(xt, yTest, Math.max(1, yTest.length)), 1, 5));
    }

    private static Tensor standardize(Tensor x, Tensor mean, Tensor inv) {
        try (Grad.Guard ng = Grad.disabled()) {
            return Scope.escape(x.sub(mean).mul(inv).contiguous());
        }
    }
}
