package io.callosum.splitbrain.config;

import io.callosum.nn.optim.OptimizerKind;

import java.util.Locale;

/**
 * How much optimisation a training loop gets: the optimizer kind, its learning rate decayed by a factor
 * per epoch, its L2 weight decay, the batch size, the epochs and an optional cap on steps per epoch.
 *
 * @param stepsPerEpoch 0 = a full pass over the data
 */
public record Budget(OptimizerKind optimizer, double lr, double decayPerEpoch, double weightDecay, int batchSize, int epochs,
                     int stepsPerEpoch) {
    /** Checks every field, naming the record, the field and the value. */
    public Budget {
        Checks.present("Budget", "optimizer", optimizer);
        Checks.positive("Budget", "lr", lr);
        Checks.positive("Budget", "decayPerEpoch", decayPerEpoch);
        Checks.nonNegative("Budget", "weightDecay", weightDecay);
        Checks.atLeast("Budget", "batchSize", batchSize, 1);
        Checks.atLeast("Budget", "epochs", epochs, 1);
        Checks.atLeast("Budget", "stepsPerEpoch", stepsPerEpoch, 0);
    }

    /** lr for a 0-based epoch: lr · decay^epoch. */
    public double lrAt(int epoch) {
        return lr * Math.pow(decayPerEpoch, epoch);
    }

    /** The same budget trained for another number of epochs (a resumed run that trains longer). */
    public Budget withEpochs(int more) {
        return new Budget(optimizer, lr, decayPerEpoch, weightDecay, batchSize, more, stepsPerEpoch);
    }

    /** "adam lr 0.001 ×0.3/epoch, wd 0, batch 64, 2 epochs of a full pass", for reports and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s lr %s ×%s/epoch, wd %s, batch %d, %d epoch(s) of %s", optimizer.id(), lr, decayPerEpoch,
                weightDecay, batchSize, epochs, stepsPerEpoch == 0 ? "a full pass" : stepsPerEpoch + " steps");
    }
}
