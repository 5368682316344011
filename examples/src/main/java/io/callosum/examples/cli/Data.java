package io.callosum.examples.cli;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Image;
import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.targets.ChannelSplit;

/**
 * The three splits a command works on: unlabelled images for pretraining (labels hidden), labelled training images
 * and held-out test images, with a description for logs and reports.
 */
public record Data(String description, Dataset unlabelled, Dataset train, Dataset test) {
    /** Channels, height and width of the images (read from the first training image). */
    public int[] imageShape() {
        if (train.size() == 0) throw new CliUsageException(description + ": the training split holds no images");
        Image first = train.image(0);
        return first.shape();
    }

    /** The image counts of the three splits, as an experiment records them. */
    public DataConfig sizes() {
        return new DataConfig(unlabelled.size(), train.size(), test.size());
    }

    public boolean isColour() {
        return imageShape()[0] == 3;
    }

    /**
     * Checks that split-brain networks can read these images: three channels and sides that are multiples of
     * {@link ChannelSplit#POOL}. The message says what to do instead.
     */
    public Data requireSplitBrainImages() {
        int[] s = imageShape();
        if (s[0] != 3) {
            throw new CliUsageException(description + " is grey-scale (" + s[0] + " channel); split-brain "
                    + "autoencoders split colour channels and need RGB images (for grey data use 'callosum reproduce fewshot', "
                    + "which compares rotation and denoising pretraining)");
        }
        if (s[1] % ChannelSplit.POOL != 0 || s[2] % ChannelSplit.POOL != 0) {
            throw new CliUsageException(description + " has " + s[1] + "×" + s[2] + " images; split-brain "
                    + "targets need sides that are multiples of " + ChannelSplit.POOL + " (for image folders set --image-size)");
        }
        return this;
    }
}
