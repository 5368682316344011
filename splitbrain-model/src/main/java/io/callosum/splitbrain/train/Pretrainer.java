package io.callosum.splitbrain.train;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ClassRebalancing;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Split-brain pretraining: both halves trained together on loss = CE(A) + CE(B) (per-pixel cross-entropy on the
 * 12×12 target grid), optionally with class rebalancing weights estimated from the first batches.
 */
public final class Pretrainer {
    private final ExperimentConfig config;
    private final Placement placement;
    private final ChannelSplit split;
    private final SplitBrainNet net;
    private final Optimizer optimizer;
    private Tensor weightA, weightB;
    private final Trainer loop;
    private final Map<String, String> checkpointExtra = new LinkedHashMap<>();

    /** A fresh network, split and optimizer for config, placed as placement says. */
    public Pretrainer(ExperimentConfig config, Placement placement) {
        this.config = config;
        this.placement = placement;
        this.split = ChannelSplit.of(config.model().colorSpace(), config.targets().gamutAb());
        this.net = new SplitBrainNet(config.model().architecture(), split, new Generator(config.seed()));
        net.to(placement.device());
        this.optimizer = Optimizers.create(config.pretrain(), net.parameters());
        this.loop = BudgetTraining.trainer("pretrain", config.pretrain(), placement, net, optimizer,
                        TrainStep.of((images, labels, step) -> loss(images)))
                .checkpointMetadata(this::checkpointMetadata).build();
    }

    /** The network being pretrained. */
    public SplitBrainNet net() {
        return net;
    }

    /** The channel split the network learns. */
    public ChannelSplit split() {
        return split;
    }

    /** The optimizer updating the network. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The configuration being pretrained. */
    public ExperimentConfig config() {
        return config;
    }

    /** The trainer: epochs done, step and epoch losses. */
    public Trainer loop() {
        return loop;
    }

    /**
     * Stores value under key in every checkpoint written from now on (read back with {@link CheckpointConfig#readExtra}),
     * e.g. what identifies the training data, so that a resume can check it reads the same images.
     */
    public void checkpointExtra(String key, String value) {
        if (key.equals(CheckpointConfig.EXTRA_KEY)) throw new IllegalArgumentException("Pretrainer: '" + key + "' holds the configuration");
        checkpointExtra.put(key, value);
    }

    private Map<String, String> checkpointMetadata() {
        Map<String, String> m = CheckpointConfig.extra(config);
        m.putAll(checkpointExtra);
        return m;
    }

    /** Runs the remaining epochs over the (unlabelled) dataset; afterEpoch runs after each (checkpointing). */
    public void train(Dataset data, TrainListener listener, Runnable afterEpoch) {
        if (config.targets().rebalance() && weightA == null) estimateWeights(data);
        BudgetTraining.run(loop, data, config.pretrain(), config.seed(), placement, listener, afterEpoch);
    }

    /**
     * Writes the whole training state (weights, BN statistics, optimizer state, step counters, loss history, the
     * configuration under {@code config.*}) to one safetensors checkpoint, atomically: a crash mid-write leaves the
     * previous file intact.
     */
    public void saveCheckpoint(Path file) throws IOException {
        loop.saveCheckpoint(file);
    }

    /**
     * Restores a checkpoint written by {@link #saveCheckpoint} for the same configuration; training then continues
     * where it stopped and ends with the same weights as an uninterrupted run (the loader's order depends only on
     * the seed and the epoch). Nothing is changed when the file does not fit.
     */
    public void resume(Path file) throws IOException {
        loop.resume(file);
    }

    /** CE(A) + CE(B) for an RGB batch on the device (recorded for backward). */
    public Tensor loss(Tensor rgb) {
        ChannelSplit.Batch b = split.prepare(rgb);
        SplitBrainNet.Logits logits = net.predict(b.inputA(), b.inputB());
        Tensor lossA = Functional.crossEntropy(logits.a(), b.targetA(), weightA, -100, Reduction.MEAN);
        Tensor lossB = Functional.crossEntropy(logits.b(), b.targetB(), weightB, -100, Reduction.MEAN);
        return lossA.add(lossB);
    }

    /** Class weights from the targets of up to 8 batches (λ = 0.5; smoothing σ = 5 ab units, 1 bin for 1-D). */
    private void estimateWeights(Dataset data) {
        List<Tensor> ta = new ArrayList<>(), tb = new ArrayList<>();
        int n = 0;
        try (Grad.Guard ng = Grad.disabled();
             DataLoader loader = DataLoader.builder(data).batchSize(config.pretrain().batchSize()).shuffle(true).seed(config.seed()).workers(placement.workers()).build()) {
            for (Batch batch : loader.epoch(0)) {
                ChannelSplit.Batch b = split.prepare(batch.images());
                ta.add(b.targetA().reshape(-1));
                tb.add(b.targetB().reshape(-1));
                if (++n == 8) break;
            }
        }
        float[] wa = ClassRebalancing.weights(Tensor.cat(ta, 0), split.halfA().quantizer(), ClassRebalancing.DEFAULT_LAMBDA,
                split.space().isLab() ? 5 : 0.05);
        float[] wb = ClassRebalancing.weights(Tensor.cat(tb, 0), split.halfB().quantizer(), ClassRebalancing.DEFAULT_LAMBDA,
                split.space().isLab() ? 1 : 0.01);
        weightA = Scope.escape(Tensor.of(wa, wa.length).to(placement.device()));
        weightB = Scope.escape(Tensor.of(wb, wb.length).to(placement.device()));
    }
}
