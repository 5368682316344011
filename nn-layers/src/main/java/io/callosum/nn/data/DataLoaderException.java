package io.callosum.nn.data;

/**
 * A failure while loading a batch — reading, decoding or transforming an item — rethrown to the consumer of the
 * {@link DataLoader}. The message names the dataset, item index, epoch and batch, followed by the cause's message
 * (which, for reader errors, names the file).
 */
public class DataLoaderException extends RuntimeException {
    /** A failure while building a batch, with its cause (the message names the item and the epoch). */
    public DataLoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
