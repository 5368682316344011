package io.callosum.nn.data;

/**
 * Anything a training or evaluation loop can draw batches from, epoch by epoch: the {@link DataLoader}, or rows of
 * tensors already in memory ({@link TensorBatches}). A source whose epoch e always yields the same batches lets a
 * run resume mid-epoch exactly, by replaying epoch e and skipping the batches already done.
 */
public interface BatchSource {
    /** The batches of epoch e, in order; the caller closes each batch. */
    Iterable<Batch> epoch(int epoch);

    /** How many batches one epoch yields. */
    int batchesPerEpoch();
}
