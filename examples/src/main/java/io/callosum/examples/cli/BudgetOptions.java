package io.callosum.examples.cli;

import io.callosum.splitbrain.train.Budget;
import io.callosum.tensor.Device;
import picocli.CommandLine.Option;

/** How much training a loop gets. Each command constructs this with its own defaults, which --help shows. */
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

    public BudgetOptions(int epochs, int steps, int batch, double lr, double decay, String optimizer) {
        this.epochs = epochs;
        this.steps = steps;
        this.batch = batch;
        this.lr = lr;
        this.decay = decay;
        this.optimizer = optimizer;
    }

    /** The settings as a Budget, with usage errors for values out of range. */
    public Budget budget(long seed, Device device, int workers) {
        if (epochs < 1) throw new CliUsageException("--epochs must be at least 1, got " + epochs);
        if (steps < 0) throw new CliUsageException("--steps must be >= 0, got " + steps);
        if (batch < 1) throw new CliUsageException("--batch must be at least 1, got " + batch);
        if (!(lr > 0) || !(decay > 0)) throw new CliUsageException("--lr and --lr-decay must be positive, got " + lr + " and " + decay);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) throw new CliUsageException("--optimizer must be adam or sgd, got " + optimizer);
        return new Budget(batch, epochs, steps, lr, decay, seed, device, workers);
    }
}
