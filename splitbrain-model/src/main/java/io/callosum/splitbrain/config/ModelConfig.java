package io.callosum.splitbrain.config;

import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;

/** Which split-brain network: its architecture and the colour space whose channels the two halves split. */
public record ModelConfig(Architecture architecture, ColorSpace colorSpace) {
    /** Checks that every field is present. */
    public ModelConfig {
        Checks.present("ModelConfig", "architecture", architecture);
        Checks.present("ModelConfig", "colorSpace", colorSpace);
    }
}
