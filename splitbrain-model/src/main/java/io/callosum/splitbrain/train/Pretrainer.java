package io.callosum.splitbrain.train;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.io.Checkpoint;
import io.callosum.nn.optim.Optimizer;
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
    private final TrainingLoop loop;

    public Pretrainer(ExperimentConfig config, Placement placement) {
        this.config = config;
        this.placement = placement;
        this.split = ChannelSplit.of(config.model().colorSpace(), config.targets().gamutAb());
        this.net = new SplitBrainNet(config.model().architecture(), split, new Generator(config.seed()));
        net.to(placement.device());
        this.optimizer = Optimizers.create(config.pretrain(), net.parameters());
        this.loop = new TrainingLoop("pretrain", config.pretrain(), config.seed(), placement, net, optimizer);
    }

    public SplitBrainNet net() {
        return net;
    }

    public ChannelSplit split() {
        return split;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public ExperimentConfig config() {
        return config;
    }

    public TrainingLoop loop() {
        return loop;
    }

    /** Runs the remaining epochs over the (unlabelled) dataset; afterEpoch runs after each (checkpointing). */
    public void train(Dataset data, TrainListener listener, Runnable afterEpoch) {
        if (config.targets().rebalance() && weightA == null) estimateWeights(data);
        loop.run(data, (images, labels, step) -> loss(images), listener, afterEpoch);
    }

    /**
     * Writes the whole training state (weights, BN statistics, optimizer state, epochs done, loss history) to one
     * safetensors checkpoint, atomically: a crash mid-write leaves the previous file intact.
     */
    public void saveCheckpoint(Path file) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("step_losses", joinDoubles(loop.stepLosses()));
        extra.put("epoch_losses", joinDoubles(loop.epochLosses()));
        extra.putAll(CheckpointConfig.extra(config));
        Checkpoint.save(file, net, optimizer, loop.stepLosses().size(), loop.epochsDone(), null, extra);
    }

    /**
     * Restores a checkpoint written by {@link #saveCheckpoint} for the same configuration; training then continues
     * with the next epoch and ends with the same weights as an uninterrupted run (the loader's order depends only on
     * the seed and the epoch). Nothing is changed when the file does not fit.
     */
    public void resume(Path file) throws IOException {
        Checkpoint.Info info = Checkpoint.load(file, net, optimizer, null);
        loop.restore(info.epoch(), splitDoubles(info.extra().get("step_losses")), splitDoubles(info.extra().get("epoch_losses")));
    }

    private static String joinDoubles(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            if (sb.length() > 0) sb.append(',');
            sb.append(x); // Double.toString round-trips exactly
        }
        return sb.toString();
    }

    private static List<Double> splitDoubles(String s) {
        List<Double> out = new ArrayList<>();
        if (s == null || s.isEmpty()) return out;
        for (String p : s.split(",")) out.add(Double.parseDouble(p));
        return out;
    }

    /** CE(A) + CE(B) for an RGB batch on the device (recorded for backward). */
    public Tensor loss(Tensor rgb) {
        ChannelSplit.Batch b = split.prepare(rgb);
        SplitBrainNet.Logits logits = net.predict(b.inputA(), b.inputB());
        Tensor lossA = Functional.crossEntropy(logits.a(), b.targetA(), weightA, -100, Reduction.MEAN);
        Tensor lossB = Functional.crossEntropy(logits.b(), b.targetB(), weightB, -100, Reduction.MEAN);
        return lossA.add(lossB);
    }

    /** Class weights from the targets of up to 8 batches (DESIGN §5: λ = 0.5; σ = 5 ab units, 1 bin for 1-D). */
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
