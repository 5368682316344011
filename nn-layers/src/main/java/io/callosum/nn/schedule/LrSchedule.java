package io.callosum.nn.schedule;

import io.callosum.nn.optim.Optimizer;

/**
 * A learning-rate multiplier as a function of the step (or epoch) count t = 0, 1, 2, …; composable. Apply with
 * {@link #apply(Optimizer, double, long)} at the start of each step/epoch: lr = baseLr · factor(t).
 */
@FunctionalInterface
public interface LrSchedule {
    /** The multiple of the base lr at step (or epoch) t. */
    double factor(long t);

    /** Sets opt's lr to baseLr × factor(t). */
    default void apply(Optimizer opt, double baseLr, long t) {
        opt.setLr(baseLr * factor(t));
    }

    /** The same lr throughout. */
    static LrSchedule constant() {
        return t -> 1.0;
    }

    /** PyTorch's StepLR: γ^⌊t / stepSize⌋. */
    static LrSchedule step(long stepSize, double gamma) {
        if (stepSize < 1) throw new IllegalArgumentException("LrSchedule.step: stepSize must be >= 1, got " + stepSize);
        return t -> Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /**
     * PyTorch's CosineAnnealingLR in closed form: minFactor + (1 − minFactor)(1 + cos(π·t / total)) / 2, held at
     * minFactor after total steps.
     */
    static LrSchedule cosine(long total, double minFactor) {
        if (total < 1) throw new IllegalArgumentException("LrSchedule.cosine: total must be >= 1, got " + total);
        return t -> {
            double frac = Math.min(t, total) / (double) total;
            return minFactor + (1 - minFactor) * (1 + Math.cos(Math.PI * frac)) / 2;
        };
    }

    /**
     * Linear warm-up from startFactor to 1 over warmup steps (PyTorch's LinearLR), then this schedule shifted by the
     * warm-up length (as SequentialLR chains them).
     */
    default LrSchedule withWarmup(long warmup, double startFactor) {
        if (warmup < 0) throw new IllegalArgumentException("LrSchedule.withWarmup: warmup must be >= 0, got " + warmup);
        LrSchedule after = this;
        return t -> t < warmup ? startFactor + (1 - startFactor) * t / (double) warmup : after.factor(t - warmup);
    }

    /** From startFactor × the base lr up to the base lr linearly over warmup steps, then constant. */
    static LrSchedule linearWarmup(long warmup, double startFactor) {
        return constant().withWarmup(warmup, startFactor);
    }
}
