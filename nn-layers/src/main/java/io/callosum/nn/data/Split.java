package io.callosum.nn.data;

/** Which part of a published dataset to read. */
public enum Split {
    /** The labelled training split. */
    TRAIN,
    /** The labelled test split. */
    TEST,
    /** Unlabelled images (STL-10's unlabelled split). */
    UNLABELLED
}
