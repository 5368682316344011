package io.callosum.examples.cli;

import io.callosum.splitbrain.config.FewShotConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Arrays;

/** The few-shot protocol's points and draws. Each command constructs this from its preset's. */
public final class FewShotOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--shots", paramLabel = "K", split = ",", description = "Labelled images per class (default: ${DEFAULT-VALUE}).")
    int[] shots;

    @Option(names = "--seeds", paramLabel = "N", description = "Draws of the k images per class (default: ${DEFAULT-VALUE}).")
    int seeds;

    FewShotOptions(FewShotConfig defaults) {
        this.shots = defaults.shotArray();
        this.seeds = defaults.seeds();
    }

    /** base with the values given on the command line in place of its own; out of range is a usage error. */
    FewShotConfig applyTo(FewShotConfig base) {
        Given g = new Given(command);
        return Usage.check(() -> new FewShotConfig(g.or("--shots", Arrays.stream(shots).boxed().toList(), base.shots()),
                g.or("--seeds", seeds, base.seeds())));
    }
}
