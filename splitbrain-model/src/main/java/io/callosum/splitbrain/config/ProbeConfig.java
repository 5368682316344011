package io.callosum.splitbrain.config;

import io.callosum.splitbrain.eval.LinearProbe;

/** The linear probes on frozen features: their training and the batch features are extracted in. */
public record ProbeConfig(int epochs, int batchSize, double lr, double weightDecay, int extractBatch) {
    /** Checks every field, naming the record, the field and the value. */
    public ProbeConfig {
        Checks.atLeast("ProbeConfig", "epochs", epochs, 1);
        Checks.atLeast("ProbeConfig", "batchSize", batchSize, 1);
        Checks.positive("ProbeConfig", "lr", lr);
        Checks.nonNegative("ProbeConfig", "weightDecay", weightDecay);
        Checks.atLeast("ProbeConfig", "extractBatch", extractBatch, 1);
    }

    /** The probe's settings with its own seed; the batch is capped at the training images there are. */
    public LinearProbe.Config linear(long seed, int trainImages) {
        return LinearProbe.Config.builder().epochs(epochs).batchSize(Math.max(1, Math.min(batchSize, trainImages))).lr(lr)
                .weightDecay(weightDecay).seed(seed).build();
    }
}
