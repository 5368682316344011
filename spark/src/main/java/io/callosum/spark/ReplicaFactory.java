package io.callosum.spark;

import io.callosum.tensor.Device;

import java.io.Serializable;

/**
 * Builds the model and its step on a device, shipped to every executor with the job. Every call must build the same
 * architecture (the weights are overwritten from the driver's before each round, so their initial values only matter
 * on the driver, whose replica starts the run).
 */
@FunctionalInterface
public interface ReplicaFactory extends Serializable {
    /** A fresh replica, its model's parameters on {@code device}. */
    Replica create(Device device);
}
