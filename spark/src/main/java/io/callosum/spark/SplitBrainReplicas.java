package io.callosum.spark;

import io.callosum.nn.train.TrainStep;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.config.TargetConfig;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Device;

/**
 * Split-brain replicas: a {@link Pretrainer}'s net and its CE(A) + CE(B) loss, built on the task's device from the
 * settings that shape the model (the optimizer settings matter only on the driver, and the configuration's records
 * are not serialisable). Class rebalancing is refused: its weights are estimated from
 * one process's first batches, which a cluster does not have.
 *
 * @param architecture the {@link Architecture} constant's name
 * @param colorSpace   the {@link ColorSpace} constant's name
 * @param gamutAb      whether the ab targets are restricted to the in-gamut bins
 * @param seed         the initialisation seed, the same on every replica
 * @serial exclude
 */
public record SplitBrainReplicas(String architecture, String colorSpace, boolean gamutAb, long seed) implements ReplicaFactory {
    /** The replicas of {@code config}'s model; IllegalArgumentException when it asks for class rebalancing. */
    public static SplitBrainReplicas of(ExperimentConfig config) {
        if (config.targets().rebalance()) {
            throw new IllegalArgumentException("SparkPretrain: class rebalancing is not supported on Spark (its weights come "
                    + "from one process's first batches); pretrain without it");
        }
        return new SplitBrainReplicas(config.model().architecture().name(), config.model().colorSpace().name(),
                config.targets().gamutAb(), config.seed());
    }

    /** base with this replica's network, targets (rebalancing off) and seed. */
    public ExperimentConfig config(ExperimentConfig base) {
        return base.withModel(new ModelConfig(Architecture.valueOf(architecture), ColorSpace.valueOf(colorSpace)))
                .withTargets(new TargetConfig(gamutAb, false)).withSeed(seed);
    }

    @Override
    public Replica create(Device device) {
        Pretrainer p = new Pretrainer(config(Preset.PAPER.config()), new Placement(device, 0));
        return new Replica(p.net(), TrainStep.of((images, labels, step) -> p.loss(images)));
    }
}
