package io.callosum.nn.data;

/** Which part of a published dataset to read. */
public enum Split {
    TRAIN, TEST, UNLABELLED
}
