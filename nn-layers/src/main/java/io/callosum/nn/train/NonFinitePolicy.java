package io.callosum.nn.train;

/** What the {@link Trainer} does when a step's loss or a gradient is NaN/Inf, checked before the weights change. */
public enum NonFinitePolicy {
    /** Throw an {@link ArithmeticException} naming the phase, epoch and step, with a hint (the default). */
    STOP,
    /** Drop the step's gradients, count it and go on with the next batch. */
    SKIP
}
