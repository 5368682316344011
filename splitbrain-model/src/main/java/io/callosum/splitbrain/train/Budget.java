package io.callosum.splitbrain.train;

import io.callosum.tensor.Device;

/** How much training a loop gets, and where: batch size, epochs, optional cap on steps per epoch, lr, seed. */
public record Budget(int batchSize, int epochs, int stepsPerEpoch, double lr, double decayPerEpoch, long seed, Device device, int workers) {
    public Budget {
        if (batchSize < 1 || epochs < 1 || stepsPerEpoch < 0 || !(lr > 0) || !(decayPerEpoch > 0) || workers < 0) {
            throw new IllegalArgumentException("Budget: batch " + batchSize + ", epochs " + epochs + ", steps " + stepsPerEpoch
                    + ", lr " + lr + ", decay " + decayPerEpoch + " and workers " + workers + " must be positive");
        }
    }

    public double lrAt(int epoch) {
        return lr * Math.pow(decayPerEpoch, epoch);
    }

    public Budget withLr(double l) {
        return new Budget(batchSize, epochs, stepsPerEpoch, l, decayPerEpoch, seed, device, workers);
    }

    public Budget withEpochs(int e, int steps) {
        return new Budget(batchSize, e, steps, lr, decayPerEpoch, seed, device, workers);
    }
}
