package io.callosum.examples.cli;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.config.Budget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How much training a loop gets. Each command constructs this from its preset's budget, which --help shows. */
public final class BudgetOptions {
    /** The largest --lr-decay: a factor above 1 raises the rate each epoch, and more than ×10 an epoch is no schedule. */
    static final double MAX_LR_FACTOR = 10;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--steps", paramLabel = "N", description = "At most N steps per epoch; 0 = a full pass (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).") double lr;
    @Option(names = "--lr-decay", paramLabel = "FACTOR", description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).") double decay;
    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, adamw or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).") String optimizer;

    private final Budget defaults;

    public BudgetOptions(Budget defaults) {
        this.defaults = defaults;
        this.epochs = defaults.epochs();
        this.steps = defaults.stepsPerEpoch();
        this.batch = defaults.batchSize();
        this.lr = defaults.lr();
        this.decay = defaults.decayPerEpoch();
        this.optimizer = defaults.optimizer().id();
    }

    /** The budget these options were constructed with, as the user changed it. */
    public Budget budget() {
        return applyTo(defaults);
    }

    /** base with the values given on the command line in place of its own; out of range is a usage error. */
    public Budget applyTo(Budget base) {
        Given g = new Given(command);
        if (g.given("--lr")) Usage.positive("--lr", lr);
        if (g.given("--lr-decay")) Usage.positiveAtMost("--lr-decay", decay, MAX_LR_FACTOR, "the learning rate's factor per epoch");
        return Usage.check(() -> new Budget(OptimizerKind.parse(g.or("--optimizer", optimizer, base.optimizer().id())), g.or("--lr", lr, base.lr()),
                g.or("--lr-decay", decay, base.decayPerEpoch()), base.weightDecay(), g.or("--batch", batch, base.batchSize()),
                g.or("--epochs", epochs, base.epochs()), g.or("--steps", steps, base.stepsPerEpoch())));
    }
}
