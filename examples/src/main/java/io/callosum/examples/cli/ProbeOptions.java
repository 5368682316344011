package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.LinearProbe;
import picocli.CommandLine.Option;

/** Settings of the linear classifiers trained on frozen features. */
public final class ProbeOptions {
    @Option(names = "--probe-epochs", paramLabel = "N", description = "Epochs of each linear probe (default: ${DEFAULT-VALUE}).")
    int epochs = 40;

    @Option(names = "--probe-lr", paramLabel = "RATE", description = "Adam learning rate of the probes (default: ${DEFAULT-VALUE}).")
    double lr = 1e-3;

    @Option(names = "--probe-weight-decay", paramLabel = "L2", description = "L2 penalty of the probes (default: ${DEFAULT-VALUE}).")
    double weightDecay = 1e-3;

    @Option(names = "--extract-batch", paramLabel = "N", description = "Images per forward pass when extracting features (default: ${DEFAULT-VALUE}).")
    int extractBatch = 100;

    LinearProbe.Config config(long seed) {
        if (epochs < 1 || extractBatch < 1) throw new CliUsageException("--probe-epochs and --extract-batch must be at least 1");
        if (!(lr > 0) || weightDecay < 0) throw new CliUsageException("--probe-lr must be positive and --probe-weight-decay >= 0");
        return new LinearProbe.Config(epochs, 250, lr, weightDecay, seed);
    }
}
