package io.callosum.examples.cli;

import io.callosum.splitbrain.config.DataConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which images a command reads: a dataset by name or a folder whose content says what it is, and how many images of
 * each split to use. Commands set their own default dataset by constructing this with it.
 */
public final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    @Option(names = "--skip-bad-images", description = "Drop (and list) image-folder files that cannot be decoded instead of "
            + "stopping; every image is decoded once before training either way.")
    boolean skipBadImages;

    public DataOptions() {
        this("synthetic");
    }

    public DataOptions(String defaultData) {
        this.data = defaultData;
    }

    /** Takes the counts of sizes (0 = not recorded) for the splits whose count the command line does not give. */
    void defaultTo(DataConfig sizes) {
        if (unlabelled == null && sizes.unlabelled() > 0) unlabelled = sizes.unlabelled();
        if (train == null && sizes.train() > 0) train = sizes.train();
        if (test == null && sizes.test() > 0) test = sizes.test();
    }

    /** Whether --image-size was given on the command line (it only applies to image folders). */
    boolean imageSizeGiven() {
        return command != null && command.commandLine().getParseResult().hasMatchedOption("--image-size");
    }

    public String data() {
        return data;
    }
}
