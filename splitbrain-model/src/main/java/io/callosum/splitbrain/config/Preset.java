package io.callosum.splitbrain.config;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.eval.FewShot;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every named starting point of an experiment, in one place: the seed paper's pretraining settings, the demo, the
 * colorize command's quick model, and the tiny/small/full budgets of the reproduced tables (whose baselines train with
 * the same pretraining budget). Commands start from one of these and override what their options name.
 */
public enum Preset {
    /** The seed paper's pretraining: Adam, batch 64, lr 1e-4 decayed ×0.1 per epoch. */
    PAPER(pretrain(1e-4, 0.1, 64, 1, 0), eval(40, 100, finetune(64, 5, 0), defaultShots(), 3), new DataConfig(4096, 1000, 1000)),
    /** 8 192 fresh scenes × 2 epochs fit the demo's 10 minutes; 2 000 test images make its 95 % intervals ±1.5 points. */
    DEMO(pretrain(1e-3, 0.3, 64, 2, 0), eval(40, 100, finetune(64, 5, 0), defaultShots(), 3), new DataConfig(8192, 1000, 2000)),
    /** The model colorize pretrains when given no checkpoint: 150 steps of 32, lr constant. */
    QUICK(pretrain(1e-3, 1.0, 32, 1, 150), eval(40, 100, finetune(32, 1, 0), defaultShots(), 3), new DataConfig(150 * 32, 1000, 1000)),
    /** A smoke run of the reproduced tables: minutes. */
    TINY(pretrain(1e-3, 0.3, 16, 1, 8), eval(5, 256, finetune(16, 1, 8), List.of(1, 2, 4), 2), new DataConfig(512, 200, 200)),
    /**
     * One pretraining epoch on 4 096 images, 1 000 + 1 000 labelled. Features are extracted 100 images at a time, as in
     * every preset meant for 96-px colour data: a batch of 256 holds every probed layer's activations of both halves at
     * once and ran out of the default 8 GiB heap.
     */
    SMALL(pretrain(1e-3, 0.3, 64, 1, 0), eval(30, 100, finetune(64, 2, 0), defaultShots(), 3), new DataConfig(4096, 1000, 1000)),
    /** All images, 5 pretraining and 5 fine-tuning epochs: hours on a CPU. */
    FULL(pretrain(1e-3, 0.3, 64, 5, 0), eval(40, 100, finetune(64, 5, 0), defaultShots(), 5), new DataConfig(0, 0, 0));

    private final ExperimentConfig config;

    Preset(Budget pretrain, EvalConfig eval, DataConfig data) {
        this.config = new ExperimentConfig(new ModelConfig(Architecture.SIMPLENET, ColorSpace.LAB), new TargetConfig(false, false),
                pretrain, eval, data, 0);
    }

    /** The preset's full experiment configuration. */
    public ExperimentConfig config() {
        return config;
    }

    /** The name on the command line: "paper", "demo", … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset named by a command-line string, ignoring case; fails listing the known names. */
    public static Preset parse(String name) {
        for (Preset p : values()) if (p.label().equals(name.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown preset '" + name + "': expected one of "
                + Arrays.stream(values()).map(Preset::label).toList());
    }

    private static List<Integer> defaultShots() {
        return Arrays.stream(FewShot.DEFAULT_SHOTS).boxed().toList();
    }

    private static Budget pretrain(double lr, double decay, int batch, int epochs, int steps) {
        return new Budget(OptimizerKind.ADAM, lr, decay, 0, batch, epochs, steps);
    }

    /** Fine-tuning: Adam, lr 1e-3 halved per epoch, a small L2 penalty. */
    private static Budget finetune(int batch, int epochs, int steps) {
        return new Budget(OptimizerKind.ADAM, 1e-3, 0.5, 1e-4, batch, epochs, steps);
    }

    /** Linear probes: 250 per batch, Adam lr 1e-3, L2 1e-3. */
    private static EvalConfig eval(int probeEpochs, int extractBatch, Budget finetune, List<Integer> shots, int seeds) {
        return new EvalConfig(new ProbeConfig(probeEpochs, 250, 1e-3, 1e-3, extractBatch), finetune, new FewShotConfig(shots, seeds));
    }
}
