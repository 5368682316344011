package io.callosum.splitbrain.config;

/** How many images of each split an experiment uses; 0 = all there are (generated sets need a number). */
public record DataConfig(int unlabelled, int train, int test) {
    public DataConfig {
        Checks.atLeast("DataConfig", "unlabelled", unlabelled, 0);
        Checks.atLeast("DataConfig", "train", train, 0);
        Checks.atLeast("DataConfig", "test", test, 0);
    }
}
