package io.callosum.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one round: the parameters and buffers after the previous round, where the round
 * falls in the data, the learning rate of local steps and the global step number. A task is a pure function of this
 * and its partition, so a retried task recomputes exactly what the failed attempt would have.
 */
record RoundInput(float[] params, float[] buffers, int epoch, int round, double lr, long globalStep) implements Serializable {
}
