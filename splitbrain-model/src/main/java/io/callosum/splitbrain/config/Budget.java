package io.callosum.splitbrain.config;

import io.callosum.nn.optim.OptimizerKind;

import java.util.Locale;

/**
 * How much optimisation a training loop gets: the optimizer kind, its learning rate decayed by a factor
 * per epoch, its L2 weight decay, the batch size, the epochs and an optional cap on steps per epoch. Built by name
 * with {@link #builder()}, e.g. {@code Budget.builder().lr(3e-4).batchSize(32).epochs(5).build()}.
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

    /** Starts from Adam, lr 1e-3 held constant, no weight decay, batch 64, one epoch of a full pass. */
    public static Builder builder() {
        return new Builder(new Budget(OptimizerKind.ADAM, 1e-3, 1.0, 0, 64, 1, 0));
    }

    /** A builder starting from this budget, to change a few of its values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Named settings for a {@link Budget}; {@link #build()} checks them as the constructor does. */
    public static final class Builder {
        private OptimizerKind optimizer;
        private double lr, decayPerEpoch, weightDecay;
        private int batchSize, epochs, stepsPerEpoch;

        private Builder(Budget from) {
            optimizer = from.optimizer;
            lr = from.lr;
            decayPerEpoch = from.decayPerEpoch;
            weightDecay = from.weightDecay;
            batchSize = from.batchSize;
            epochs = from.epochs;
            stepsPerEpoch = from.stepsPerEpoch;
        }

        /** The optimizer kind. */
        public Builder optimizer(OptimizerKind optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The learning rate of epoch 0. */
        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** The factor the lr is multiplied by after every epoch (1 keeps it constant). */
        public Builder decayPerEpoch(double decayPerEpoch) {
            this.decayPerEpoch = decayPerEpoch;
            return this;
        }

        /** The optimizer's weight decay. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Images per step. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Epochs to train. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** At most this many steps per epoch; 0 = a full pass over the data. */
        public Builder stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /** The budget; fails naming the first value out of range. */
        public Budget build() {
            return new Budget(optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch);
        }
    }

    /** lr for a 0-based epoch: lr · decay^epoch. */
    public double lrAt(int epoch) {
        return lr * Math.pow(decayPerEpoch, epoch);
    }

    /** The same budget trained for another number of epochs (a resumed run that trains longer). */
    public Budget withEpochs(int more) {
        return toBuilder().epochs(more).build();
    }

    /** "adam lr 0.001 ×0.3/epoch, wd 0, batch 64, 2 epochs of a full pass", for reports and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s lr %s ×%s/epoch, wd %s, batch %d, %d epoch(s) of %s", optimizer.id(), lr, decayPerEpoch,
                weightDecay, batchSize, epochs, stepsPerEpoch == 0 ? "a full pass" : stepsPerEpoch + " steps");
    }
}
