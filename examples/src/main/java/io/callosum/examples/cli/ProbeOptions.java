package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ProbeConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Settings of the linear classifiers trained on frozen features. Each command constructs this from its preset's. */
public final class ProbeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--probe-epochs", paramLabel = "N", description = "Epochs of each linear probe (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--probe-lr", paramLabel = "RATE", description = "Adam learning rate of the probes (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--probe-weight-decay", paramLabel = "L2", description = "L2 penalty of the probes (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--extract-batch", paramLabel = "N", description = "Images per forward pass when extracting features (default: ${DEFAULT-VALUE}).")
    int extractBatch;

    ProbeOptions(ProbeConfig defaults) {
        this.epochs = defaults.epochs();
        this.lr = defaults.lr();
        this.weightDecay = defaults.weightDecay();
        this.extractBatch = defaults.extractBatch();
    }

    /** base with the values given on the command line in place of its own; out of range is a usage error. */
    ProbeConfig applyTo(ProbeConfig base) {
        Given g = new Given(command);
        if (g.given("--probe-lr")) Usage.positive("--probe-lr", lr);
        if (g.given("--probe-weight-decay")) Usage.nonNegative("--probe-weight-decay", weightDecay);
        return Usage.check(() -> new ProbeConfig(g.or("--probe-epochs", epochs, base.epochs()), base.batchSize(),
                g.or("--probe-lr", lr, base.lr()), g.or("--probe-weight-decay", weightDecay, base.weightDecay()),
                g.or("--extract-batch", extractBatch, base.extractBatch())));
    }
}
