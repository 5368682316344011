package io.callosum.splitbrain.train;

import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.Device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Split-brain pretraining settings. Defaults are the seed's: Adam, batch 64, lr 1e-4 decayed ×0.1 per epoch.
 *
 * @param stepsPerEpoch 0 = a full pass over the data
 */
public record PretrainConfig(Architecture architecture, ColorSpace colorSpace, boolean gamutAb, boolean rebalance,
                             String optimizer, double lr, double decayPerEpoch, double weightDecay, int batchSize,
                             int epochs, int stepsPerEpoch, long seed, Device device, int workers) {

    public PretrainConfig {
        if (batchSize < 1 || epochs < 1 || stepsPerEpoch < 0 || workers < 0 || !(lr > 0) || !(decayPerEpoch > 0)) {
            throw new IllegalArgumentException("PretrainConfig: batch " + batchSize + ", epochs " + epochs + ", steps " + stepsPerEpoch
                    + ", workers " + workers + ", lr " + lr + " and decay " + decayPerEpoch + " must be positive");
        }
    }

    public static PretrainConfig defaults() {
        return new PretrainConfig(Architecture.SIMPLENET, ColorSpace.LAB, false, false, "adam", 1e-4, 0.1, 0,
                64, 1, 0, 0, Device.CPU, 2);
    }

    public PretrainConfig withArchitecture(Architecture a) { return new PretrainConfig(a, colorSpace, gamutAb, rebalance, optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch, seed, device, workers); }
    public PretrainConfig withColorSpace(ColorSpace c) { return new PretrainConfig(architecture, c, gamutAb, rebalance, optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch, seed, device, workers); }
    public PretrainConfig withTargets(boolean gamut, boolean rebal) { return new PretrainConfig(architecture, colorSpace, gamut, rebal, optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch, seed, device, workers); }
    public PretrainConfig withOptimizer(String o, double l, double decay) { return new PretrainConfig(architecture, colorSpace, gamutAb, rebalance, o, l, decay, weightDecay, batchSize, epochs, stepsPerEpoch, seed, device, workers); }
    public PretrainConfig withBudget(int batch, int ep, int steps) { return new PretrainConfig(architecture, colorSpace, gamutAb, rebalance, optimizer, lr, decayPerEpoch, weightDecay, batch, ep, steps, seed, device, workers); }
    public PretrainConfig withSeed(long s) { return new PretrainConfig(architecture, colorSpace, gamutAb, rebalance, optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch, s, device, workers); }
    public PretrainConfig withDevice(Device d, int w) { return new PretrainConfig(architecture, colorSpace, gamutAb, rebalance, optimizer, lr, decayPerEpoch, weightDecay, batchSize, epochs, stepsPerEpoch, seed, d, w); }

    /** The loop's share of these settings. */
    public Budget budget() {
        return new Budget(batchSize, epochs, stepsPerEpoch, lr, decayPerEpoch, seed, device, workers);
    }

    /** lr for a 0-based epoch: lr · decay^epoch. */
    public double lrAt(int epoch) {
        return lr * Math.pow(decayPerEpoch, epoch);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", architecture.label());
        m.put("colour space", colorSpace.label());
        m.put("ab quantization", gamutAb ? "in-gamut cells" : "10×10 grid");
        m.put("class rebalancing", rebalance);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("lr decay per epoch", decayPerEpoch);
        m.put("weight decay", weightDecay);
        m.put("batch", batchSize);
        m.put("epochs", epochs);
        m.put("steps per epoch", stepsPerEpoch == 0 ? "full pass" : stepsPerEpoch);
        m.put("seed", seed);
        m.put("device", device.toString());
        return m;
    }
}
