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
    /**
     * The probe's training: epochs, batch size, Adam's lr and L2 weight decay, and the seed of its initial weights and
     * batch order. Built by name with {@link #builder()} (the presets' values come from
     * {@code io.callosum.splitbrain.config.ProbeConfig}); every value is checked, naming it.
     */
    public record Config(int epochs, int batchSize, double lr, double weightDecay, long seed) {
        /** Checks the ranges: at least one epoch and one image per batch, a positive finite lr, a finite decay >= 0. */
        public Config {
            if (epochs < 1) throw new IllegalArgumentException("LinearProbe.Config: epochs must be at least 1, got " + epochs);
            if (batchSize < 1) throw new IllegalArgumentException("LinearProbe.Config: batchSize must be at least 1, got " + batchSize);
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("LinearProbe.Config: lr must be positive and finite, got " + lr);
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("LinearProbe.Config: weightDecay must be >= 0 and finite, got " + weightDecay);
            }
        }

        /** Starts from the defaults: 30 epochs, batch 64, lr 1e-3, weight decay 1e-3, seed 0. */
        public static Builder builder() {
            return new Builder(new Config(30, 64, 1e-3, 1e-3, 0));
        }

        /** A builder starting from these settings, to change a few of them. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Named settings for a {@link Config}; {@link #build()} checks them. */
        public static final class Builder {
            private int epochs, batchSize;
            private double lr, weightDecay;
            private long seed;

            private Builder(Config from) {
                epochs = from.epochs;
                batchSize = from.batchSize;
                lr = from.lr;
                weightDecay = from.weightDecay;
                seed = from.seed;
            }

            /** Passes over the training features. */
            public Builder epochs(int epochs) {
                this.epochs = epochs;
                return this;
            }

            /** Feature rows per step. */
            public Builder batchSize(int batchSize) {
                this.batchSize = batchSize;
                return this;
            }

            /** Adam's learning rate. */
            public Builder lr(double lr) {
                this.lr = lr;
                return this;
            }

            /** Adam's L2 penalty. */
            public Builder weightDecay(double weightDecay) {
                this.weightDecay = weightDecay;
                return this;
            }

            /** Seed of the initial weights and the batch order. */
            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            /** The settings; fails naming the first value out of range. */
            public Config build() {
                return new Config(epochs, batchSize, lr, weightDecay, seed);
            }
        }
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

    /** Trains on xTrain's rows and labels and scores top-1/top-5 on xTest's. */
    public static Accuracy fitAndEvaluate(Tensor xTrain, int[] yTrain, Tensor xTest, int[] yTest, int classes, Config cfg) {
        Tensor mean, inv;
        try (Grad.Guard ng = Grad.disabled()) {
            mean = xTrain.mean(0, true);
            inv = xTrain.var(new int[]{0}, false, true).add(1e-5).rsqrt();
        }
        Tensor xs = standardize(xTrain, mean, inv), xt = standardize(xTest, mean, inv);
        Generator g = new Generator(cfg.seed());
        Head head = new Head(xTrain.size(1), classes, g);
        Trainer trainer = Trainer.builder(head, Adam.builder(head.parameters()).lr(cfg.lr()).weightDecay(cfg.weightDecay()).build(),
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
