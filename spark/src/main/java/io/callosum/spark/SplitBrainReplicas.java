package io.callosum.spark;

import io.callosum.nn.train.TrainStep;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.PretrainConfig;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Device;

/**
 * Split-brain replicas: a {@link Pretrainer}'s net and its CE(A) + CE(B) loss, built on the task's device from the
 * settings that shape the model (the configuration itself holds a device, which is not serialisable, and the
 * optimizer settings, which matter only on the driver). Class rebalancing is refused: its weights are estimated from
 * one process's first batches, which a cluster does not have.
 */
public record SplitBrainReplicas(String architecture, String colorSpace, boolean gamutAb, long seed) implements ReplicaFactory {
    public static SplitBrainReplicas of(PretrainConfig config) {
        if (config.rebalance()) {
            throw new IllegalArgumentException("SparkPretrain: class rebalancing is not supported on Spark (its weights come "
                    + "from one process's first batches); pretrain without it");
        }
        return new SplitBrainReplicas(config.architecture().name(), config.colorSpace().name(), config.gamutAb(), config.seed());
    }

    /** The configuration on a device (rebalancing off, the loader's workers unused). */
    public PretrainConfig config(PretrainConfig base, Device device) {
        return base.withArchitecture(Architecture.valueOf(architecture)).withColorSpace(ColorSpace.valueOf(colorSpace))
                .withTargets(gamutAb, false).withSeed(seed).withDevice(device, 0);
    }

    @Override
    public Replica create(Device device) {
        Pretrainer p = new Pretrainer(config(PretrainConfig.defaults(), device));
        return new Replica(p.net(), TrainStep.of((images, labels, step) -> p.loss(images)));
    }
}
