package io.callosum.nn.data;

import java.util.Arrays;

/** Builds batch b of an epoch from the epoch's visiting order; stateless apart from its inputs, so thread-safe. */
interface BatchFactory<B> {
    B make(int epoch, int[] order, int batch);

    /** The dataset indices of batch b: its slice of the order, checked to start inside it. */
    static int[] indices(String name, int[] order, int batch, int batchSize) {
        long start = (long) batch * batchSize;
        if (batch < 0 || start >= order.length) {
            throw new IndexOutOfBoundsException("DataLoader over " + name + ": batch " + batch + " of batch size "
                    + batchSize + " starts past the epoch's " + order.length + " items");
        }
        int n = (int) Math.min(batchSize, order.length - start);
        return Arrays.copyOfRange(order, (int) start, (int) start + n);
    }
}
