package io.callosum.examples.cli;

import picocli.CommandLine.Option;

/**
 * Which images a command reads: a dataset by name or a folder whose content says what it is, and how many images of
 * each split to use. Commands set their own default dataset by constructing this with it.
 */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "NAME|DIR",
            description = {"synthetic, fashion-mnist, or a folder: an image folder (one sub-folder per class, optionally "
                    + "under train/ and test/), STL-10 or CIFAR-10/100 binaries, or IDX files (default: ${DEFAULT-VALUE})."})
    String data;

    @Option(names = "--image-size", paramLabel = "PX",
            description = "Side image-folder pictures are resized to (a multiple of 8; default: ${DEFAULT-VALUE}).")
    int imageSize = 96;

    @Option(names = "--unlabelled", paramLabel = "N",
            description = "Unlabelled images for pretraining (synthetic: generated, default 4096; files: a seeded sample, default all).")
    Integer unlabelled;

    @Option(names = "--train", paramLabel = "N",
            description = "Labelled training images (synthetic default 1000; files: a seeded sample, default all).")
    Integer train;

    @Option(names = "--test", paramLabel = "N",
            description = "Held-out test images (synthetic default 1000; files: a seeded sample, default all).")
    Integer test;

    public DataOptions() {
        this("synthetic");
    }

    public DataOptions(String defaultData) {
        this.data = defaultData;
    }

    public String data() {
        return data;
    }
}
