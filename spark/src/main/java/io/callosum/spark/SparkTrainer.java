package io.callosum.spark;

import io.callosum.nn.Module;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Data-parallel training on Spark with the {@link Trainer}'s semantics. The driver keeps the one true model and its
 * optimizer inside an ordinary Trainer (schedules, NaN policy, callbacks, atomic checkpoints, exact resume). Each
 * Trainer step is one round: the driver broadcasts its parameters and buffers, every partition's task computes its
 * replica's gradient on its shard ({@link WorkerRound}), {@code treeReduce} sums them, and the driver hands the mean
 * gradient to the Trainer as the gradient of a surrogate loss, so its optimizer steps exactly as on one process with
 * the union batch. With K = syncEvery &gt; 1 each worker takes K local SGD steps per round and returns the sum of its
 * K gradients: the driver's step is then local SGD's model average for plain SGD, and an outer optimizer step
 * otherwise.
 *
 * <pre>{@code
 * SparkTrainer t = SparkTrainer.builder(sc, data, device -> new Replica(model(device), step), 32)
 *         .trainer((model, step) -> Trainer.builder(model, new SGD(model.parameters(), 0.1), step).epochs(2))
 *         .build();
 * t.fit();
 * }</pre>
 */
public final class SparkTrainer {
    /** Configures the driver's Trainer around the driver replica's model and the round step. */
    @FunctionalInterface
    public interface TrainerSetup {
        /** A Trainer builder around {@code model} that trains with {@code roundStep} (optimizer, epochs, callbacks). */
        Trainer.Builder builder(Module model, TrainStep roundStep);
    }

    private final JavaSparkContext sc;
    private final ShardedData data;
    private final ReplicaFactory factory;
    private final ShardPlan plan;
    private final Module model;
    private final Trainer trainer;
    private final String runId = UUID.randomUUID().toString();
    private final List<RoundStats> stats = new ArrayList<>();

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.data = b.data;
        this.factory = b.factory;
        this.plan = new ShardPlan(b.data.workers(), b.batchPerWorker, b.syncEvery, b.data.seed());
        if (plan.roundsPerEpoch(data.smallestPartition()) < 1) {
            throw new IllegalArgumentException("SparkTrainer: the smallest partition holds " + data.smallestPartition()
                    + " examples, fewer than one round's " + b.batchPerWorker + " × " + b.syncEvery);
        }
        this.model = factory.create(Device.CPU).model();
        this.trainer = b.setup.builder(model, this::round).device(Device.CPU).build();
    }

    /** Starts a trainer over {@code data} on {@code sc}'s executors, each local step taking {@code batchPerWorker} examples. */
    public static Builder builder(JavaSparkContext sc, ShardedData data, ReplicaFactory factory, int batchPerWorker) {
        return new Builder(sc, data, factory, batchPerWorker);
    }

    /** Runs the Trainer's remaining epochs, one round per step. */
    public void fit(Callback... extra) {
        trainer.fit(new RoundSource(plan.roundsPerEpoch(data.smallestPartition()), plan.examplesPerRound()), extra);
    }

    /** The driver's Trainer: counters, losses, {@code saveCheckpoint}, {@code resume}. */
    public Trainer trainer() {
        return trainer;
    }

    /** The driver's model, holding the trained parameters. */
    public Module model() {
        return model;
    }

    /** Which examples each worker trains on, and how many steps make a round. */
    public ShardPlan plan() {
        return plan;
    }

    /** The cost of every round so far. */
    public List<RoundStats> roundStats() {
        return Collections.unmodifiableList(stats);
    }

    /** The Trainer's step: one synchronisation round at the driver's parameters, as a surrogate loss. */
    private TrainStep.Output round(Tensor ignored, Tensor where, long globalStep) {
        int[] er = where.toIntArray();
        long start = System.nanoTime();
        List<Tensor> params = model.parameters();
        List<Tensor> buffers = new ArrayList<>(model.namedBuffers().values());
        RoundInput in = new RoundInput(FlatState.flatten(params), FlatState.flatten(buffers), er[0], er[1],
                trainer.optimizer().lr(), globalStep);
        Broadcast<RoundInput> shared = sc.broadcast(in);
        RoundResult sum;
        try {
            sum = data.rdd().mapPartitions(new WorkerRound(runId, factory, plan, shared)).treeReduce(RoundResult::merge, 2);
        } finally {
            shared.destroy();
        }
        float[] meanBuffers = sum.bufferSum;
        for (int i = 0; i < meanBuffers.length; i++) meanBuffers[i] /= sum.examples;
        FlatState.load(buffers, meanBuffers);
        double loss = sum.lossSum / sum.lossExamples;
        stats.add(new RoundStats(System.nanoTime() - start, sum.maxComputeNanos,
                4L * (in.params().length + in.buffers().length) * plan.workers(), sum.bytes() * plan.workers()));
        return new TrainStep.Output(surrogate(params, sum.gradSum, sum.examples, loss), null);
    }

    /**
     * loss + Σ p·g − (Σ p·g)detached: its value is the workers' mean loss exactly (x − x = 0) and its gradient with
     * respect to each parameter is exactly the mean gradient g, so the Trainer's backward and optimizer need no change.
     */
    private static Tensor surrogate(List<Tensor> params, float[] gradSum, long examples, double loss) {
        Tensor dot = null;
        int at = 0;
        for (Tensor p : params) {
            float[] g = new float[p.numel()];
            for (int i = 0; i < g.length; i++) g[i] = gradSum[at + i] / examples;
            at += g.length;
            Tensor term = p.mul(Tensor.of(g, p.shape()).to(p.device())).sum();
            dot = dot == null ? term : dot.add(term);
        }
        return dot.sub(dot.detach()).add(loss);
    }

    /** Data, replica, batch per worker and K; {@link #trainer} configures the driver's Trainer (epochs, optimizer…). */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final ShardedData data;
        private final ReplicaFactory factory;
        private final int batchPerWorker;
        private int syncEvery = 1;
        private TrainerSetup setup;

        private Builder(JavaSparkContext sc, ShardedData data, ReplicaFactory factory, int batchPerWorker) {
            if (sc == null || data == null || factory == null) throw new NullPointerException("SparkTrainer: context, data and replica factory are required");
            if (batchPerWorker < 1) throw new IllegalArgumentException("SparkTrainer: batch per worker must be >= 1, got " + batchPerWorker);
            this.sc = sc;
            this.data = data;
            this.factory = factory;
            this.batchPerWorker = batchPerWorker;
        }

        /** Local steps per round, K (default 1: fully synchronous, the same steps as one process). */
        public Builder syncEvery(int k) {
            if (k < 1) throw new IllegalArgumentException("SparkTrainer: syncEvery must be >= 1, got " + k);
            this.syncEvery = k;
            return this;
        }

        /** How to build the driver's Trainer (optimizer, epochs, callbacks); required. */
        public Builder trainer(TrainerSetup setup) {
            this.setup = setup;
            return this;
        }

        /** The trainer; IllegalStateException before {@link #trainer}, IllegalArgumentException when a partition cannot fill one round. */
        public SparkTrainer build() {
            if (setup == null) throw new IllegalStateException("SparkTrainer: call trainer(...) to set the optimizer and epochs");
            return new SparkTrainer(this);
        }
    }
}
