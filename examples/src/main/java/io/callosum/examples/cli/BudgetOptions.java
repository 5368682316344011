package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Budget;
import picocli.CommandLine.Option;

/** How much training a loop gets. Each command constructs this from its preset's budget, which --help shows. */
public final class BudgetOptions {
    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--steps", paramLabel = "N", description = "At most N steps per epoch; 0 = a full pass (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-decay", paramLabel = "FACTOR", description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    private final double weightDecay;

    public BudgetOptions(Budget defaults) {
        this.epochs = defaults.epochs();
        this.steps = defaults.stepsPerEpoch();
        this.batch = defaults.batchSize();
        this.lr = defaults.lr();
        this.decay = defaults.decayPerEpoch();
        this.optimizer = defaults.optimizer();
        this.weightDecay = defaults.weightDecay();
    }

    /** The settings as a Budget; a value out of range is a usage error naming the field. */
    public Budget budget() {
        return Usage.check(() -> new Budget(optimizer, lr, decay, weightDecay, batch, epochs, steps));
    }
}
