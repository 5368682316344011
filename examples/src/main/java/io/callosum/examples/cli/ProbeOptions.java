package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ProbeConfig;
import io.callosum.splitbrain.config.Preset;
import picocli.CommandLine.Option;

/** Settings of the linear classifiers trained on frozen features (defaults: the paper preset's). */
public final class ProbeOptions {
    private static final ProbeConfig DEFAULTS = Preset.PAPER.config().eval().probe();

    @Option(names = "--probe-epochs", paramLabel = "N", description = "Epochs of each linear probe (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--probe-lr", paramLabel = "RATE", description = "Adam learning rate of the probes (default: ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.lr();

    @Option(names = "--probe-weight-decay", paramLabel = "L2", description = "L2 penalty of the probes (default: ${DEFAULT-VALUE}).")
    double weightDecay = DEFAULTS.weightDecay();

    @Option(names = "--extract-batch", paramLabel = "N", description = "Images per forward pass when extracting features (default: ${DEFAULT-VALUE}).")
    int extractBatch = DEFAULTS.extractBatch();

    ProbeConfig config() {
        return Usage.check(() -> new ProbeConfig(epochs, DEFAULTS.batchSize(), lr, weightDecay, extractBatch));
    }
}
