package io.callosum.splitbrain.eval;

import io.callosum.nn.Module;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.layers.Dropout;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.train.Evaluation;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.train.BudgetTraining;
import io.callosum.splitbrain.train.Optimizers;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning: both halves' trunks → global average pool → concatenate → dropout → linear classifier; the whole
 * network is trained on the labels, then evaluated top-1/top-5 on the held-out set.
 */
public final class FineTuner {
    /** The classifier around a split-brain network. */
    public static final class Classifier extends Module {
        private final SplitBrainNet net;
        private final ChannelSplit split;
        private final Dropout dropout;
        private final Linear head;

        Classifier(SplitBrainNet net, ChannelSplit split, int classes, double dropoutP, Generator g) {
            this.net = registerModule("net", net);
            this.split = split;
            int c = net.halfA().trunkChannels() + net.halfB().trunkChannels();
            this.dropout = registerModule("dropout", new Dropout(dropoutP, g));
            this.head = registerModule("fc", new Linear(c, classes, g));
        }

        /** Logits [N, classes] for raw images in [0, 1]. */
        @Override
        public Tensor forward(Tensor images) {
            ChannelSplit.Batch b = split.prepare(images);
            Tensor fa = Functional.globalAvgPool(net.halfA().trunk(b.inputA()));
            Tensor fb = Functional.globalAvgPool(net.halfB().trunk(b.inputB()));
            return head.forward(dropout.forward(Tensor.cat(1, fa, fb)));
        }
    }

    /** Dropout before the classifier head. */
    public static final double DROPOUT = 0.5;

    /** Test accuracy after fine-tuning, and the training loss of every step. */
    public record Result(Accuracy accuracy, List<Double> losses) {
    }

    private FineTuner() {
    }

    /** Fine-tunes a pretrained split-brain network as a classifier on train and scores it on test. */
    public static Result run(SplitBrainNet net, ChannelSplit split, Dataset train, Dataset test, Budget budget, long seed,
                             Placement placement, TrainListener listener) {
        return run(new Classifier(net, split, train.numClasses(), DROPOUT, new Generator(seed + 17)), train, test, budget, seed, placement, listener);
    }

    /**
     * Fine-tunes a whole backbone-plus-head classifier (logits for raw images in [0, 1]) the same way, so baselines
     * and split-brain networks meet the same protocol.
     */
    public static Result run(Module model, Dataset train, Dataset test, Budget budget, long seed, Placement placement, TrainListener listener) {
        model.to(placement.device());
        Optimizer opt = Optimizers.create(budget, model.parameters());
        Trainer trainer = BudgetTraining.trainer("finetune", budget, placement, model, opt,
                TrainStep.of((images, labels, step) -> Functional.crossEntropy(model.forward(images), labels))).build();
        BudgetTraining.run(trainer, train, budget, seed, placement, listener, null);
        return new Result(evaluate(model, test, budget.batchSize(), placement), new ArrayList<>(trainer.stepLosses()));
    }

    /** Top-1/top-5 of a classifier on a labelled dataset, in batches of batchSize on the placement's device. */
    public static Accuracy evaluate(Module model, Dataset test, int batchSize, Placement placement) {
        try (DataLoader loader = DataLoader.builder(test).batchSize(batchSize).shuffle(false).dropLast(false).workers(placement.workers()).build()) {
            return Accuracy.of(Evaluation.of(model, loader, placement.device(), 1, 5));
        }
    }
}
