package io.callosum.splitbrain.config;

import io.callosum.tensor.Device;

/**
 * Where a run computes and how many threads load its images. Not part of an experiment's configuration: results do
 * not depend on it, so a checkpoint may resume on another device.
 */
public record Placement(Device device, int workers) {
    /** The CPU with two data-loading workers. */
    public static final Placement CPU = new Placement(Device.CPU, 2);

    /** Checks the device and the worker count. */
    public Placement {
        Checks.present("Placement", "device", device);
        Checks.atLeast("Placement", "workers", workers, 0);
    }
}
