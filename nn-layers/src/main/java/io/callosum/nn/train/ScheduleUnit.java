package io.callosum.nn.train;

/** Whether the {@link Trainer}'s learning-rate schedule advances per optimiser step or per epoch. */
public enum ScheduleUnit {
    /** lr = base · factor(batches drawn so far), set before every step. */
    STEP,
    /** lr = base · factor(epoch), set at the start of each epoch. */
    EPOCH
}
