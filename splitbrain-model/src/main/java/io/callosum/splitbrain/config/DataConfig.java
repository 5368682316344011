package io.callosum.splitbrain.config;

/**
 * How many images of each split an experiment uses; in a preset 0 = all there are (generated sets need a number), in
 * a checkpoint of format version 0 0 = not recorded.
 */
public record DataConfig(int unlabelled, int train, int test) {
    /** Checks every field, naming the record, the field and the value. */
    public DataConfig {
        Checks.atLeast("DataConfig", "unlabelled", unlabelled, 0);
        Checks.atLeast("DataConfig", "train", train, 0);
        Checks.atLeast("DataConfig", "test", test, 0);
    }
}
