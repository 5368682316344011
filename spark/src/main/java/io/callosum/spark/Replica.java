package io.callosum.spark;

import io.callosum.nn.Module;
import io.callosum.nn.train.TrainStep;

/** A model and the step that computes its loss on a batch: what each worker trains, and the driver keeps. */
public record Replica(Module model, TrainStep step) {
}
