package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.TargetConfig;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import picocli.CommandLine.Option;

/** Which split-brain network: architecture, colour space and target options. */
public final class ModelOptions {
    static final String[] NAMES = {"--arch", "--space", "--gamut-ab", "--rebalance"};

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "simplenet", converter = Converters.ArchitectureConverter.class,
            description = "simplenet, resnet18 or fc-alexnet (default: ${DEFAULT-VALUE}).")
    Architecture architecture;

    @Option(names = "--space", paramLabel = "NAME", defaultValue = "lab", converter = Converters.ColorSpaceConverter.class,
            description = "Channel split: lab (L→ab, ab→L), rescaled-lab or rgb (R→GB, GB→R) (default: ${DEFAULT-VALUE}).")
    ColorSpace space;

    @Option(names = "--gamut-ab", description = "Quantize ab into the in-gamut cells instead of the 10×10 grid (Lab spaces).")
    boolean gamutAb;

    @Option(names = "--rebalance", description = "Weight the target classes by inverse smoothed frequency (λ = 0.5).")
    boolean rebalance;

    /** The experiment with this network and these targets. */
    public ExperimentConfig applyTo(ExperimentConfig base) {
        if (gamutAb && !space.isLab()) throw new CliUsageException("--gamut-ab applies to the lab and rescaled-lab spaces, not " + space.label());
        return base.withModel(new ModelConfig(architecture, space)).withTargets(new TargetConfig(gamutAb, rebalance));
    }

    public Architecture architecture() {
        return architecture;
    }

    public ColorSpace space() {
        return space;
    }
}
