package io.callosum.splitbrain.config;

/**
 * How the predicted channels become classes: ab quantized into the in-gamut cells instead of the 10×10 grid, and
 * class rebalancing by inverse smoothed frequency.
 */
public record TargetConfig(boolean gamutAb, boolean rebalance) {
}
