package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.Batch;
import io.callosum.nn.data.BatchSource;
import io.callosum.nn.io.Checkpoint;
import io.callosum.nn.metrics.TopKAccuracy;
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.schedule.LrSchedule;
import io.callosum.tensor.Anomaly;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training loop every model in the project uses: epochs of batches from a {@link BatchSource}, one
 * {@link Scope} per step (a step's tensors are freed at once), a pluggable {@link TrainStep}, a learning-rate schedule
 * per step or per epoch, a NaN/Inf policy checked before the weights change, training metrics, validation,
 * callbacks, and checkpoints that resume bit-identically, mid-epoch included.
 *
 * <pre>{@code
 * Trainer t = Trainer.builder(model, new Adam(model.parameters(), 1e-3), TrainStep.classifier(model, new CrossEntropyLoss()))
 *         .epochs(5).schedule(LrSchedule.cosine(5L * loader.batchesPerEpoch(), 0), ScheduleUnit.STEP).trainTopK(1).build();
 * t.fit(loader);
 * double top1 = t.evaluate(testLoader, 1).top(1);
 * }</pre>
 *
 * <p>Exact resume needs a source whose epoch e always yields the same batches (the DataLoader's do), and every
 * random generator the step draws from either passed to {@link Builder#rng} or derived from the step number.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final TrainStep step;
    private final String phase;
    private final int epochs;
    private final int stepsPerEpoch;
    private final Device device;
    private final LrSchedule schedule;
    private final ScheduleUnit scheduleUnit;
    private final double baseLr;
    private final NonFinitePolicy nonFinite;
    private final List<Callback> callbacks;
    private final List<TopKAccuracy> trainMetrics;
    private final BatchSource validation;
    private final int[] validationKs;
    private final Generator rng;
    private final Supplier<Map<String, String>> checkpointMetadata;
    private Progress progress = new Progress();
    private boolean stopRequested;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.step = b.step;
        this.phase = b.phase;
        this.epochs = b.epochs;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.device = b.device;
        this.schedule = b.schedule;
        this.scheduleUnit = b.scheduleUnit;
        this.baseLr = Double.isNaN(b.baseLr) ? b.optimizer.lr() : b.baseLr;
        this.nonFinite = b.nonFinite;
        this.callbacks = List.copyOf(b.callbacks);
        this.trainMetrics = b.trainTopK.stream().map(TopKAccuracy::new).toList();
        this.validation = b.validation;
        this.validationKs = b.validationKs;
        this.rng = b.rng;
        this.checkpointMetadata = b.checkpointMetadata;
    }

    /** Starts a trainer of model by optimizer, each step's loss computed by step. */
    public static Builder builder(Module model, Optimizer optimizer, TrainStep step) {
        return new Builder(model, optimizer, step);
    }

    // ------------------------------------------------------------------ the loop

    /**
     * Runs the remaining epochs over data (all of them on a fresh trainer, the rest after {@link #resume}); extra
     * callbacks join the builder's for this call only. Returns early when a callback calls {@link #requestStop()}.
     */
    public void fit(BatchSource data, Callback... extra) {
        List<Callback> cbs = new ArrayList<>(callbacks);
        cbs.addAll(List.of(extra));
        stopRequested = false;
        while (progress.epochsDone < epochs && !stopRequested) {
            int epoch = progress.epochsDone;
            int steps = data.batchesPerEpoch();
            if (stepsPerEpoch > 0) steps = Math.min(steps, stepsPerEpoch);
            if (scheduleUnit == ScheduleUnit.EPOCH) optimizer.setLr(baseLr * schedule.factor(epoch));
            model.train();
            for (Callback c : cbs) c.onEpochStart(this, epoch);
            Device dev = device != null ? device : model.device();
            long start = System.nanoTime(), timedImages = 0;
            Iterator<Batch> it = data.epoch(epoch).iterator();
            try {
                for (int i = 0; i < progress.stepInEpoch && it.hasNext(); i++) it.next().close(); // resumed mid-epoch
                while (progress.stepInEpoch < steps && !stopRequested && it.hasNext()) {
                    Batch batch = it.next();
                    Double loss = runStep(batch, dev, epoch);
                    progress.stepInEpoch++;
                    progress.globalStep++;
                    if (loss == null) continue;
                    progress.imagesInEpoch += batch.size();
                    timedImages += batch.size();
                    Callback.StepEnd end = new Callback.StepEnd(epoch, progress.stepInEpoch, steps, progress.globalStep, loss, progress.imagesInEpoch);
                    for (Callback c : cbs) c.onStepEnd(this, end);
                }
            } finally {
                if (it instanceof AutoCloseable a) closeQuietly(a);
            }
            if (progress.stepInEpoch < steps && stopRequested) break;
            double seconds = (System.nanoTime() - start) / 1e9;
            Callback.EpochEnd end = finishEpoch(epoch, seconds, timedImages / Math.max(seconds, 1e-9));
            for (Callback c : cbs) c.onEpochEnd(this, end);
        }
    }

    /** Runs one step; the loss, or null when a non-finite step was skipped. */
    private Double runStep(Batch batch, Device dev, int epoch) {
        try (Scope s = Scope.open(); batch) {
            if (scheduleUnit == ScheduleUnit.STEP) optimizer.setLr(baseLr * schedule.factor(progress.globalStep));
            Tensor labels = batch.labels().to(dev);
            TrainStep.Output out = step.forward(batch.images().to(dev), labels, progress.globalStep);
            if (!trainMetrics.isEmpty() && out.logits() == null) {
                throw new IllegalStateException(phase + ": training top-k was asked for but the TrainStep returns no logits "
                        + "(return them in TrainStep.Output, e.g. with TrainStep.classifier)");
            }
            double loss = out.loss().item();
            optimizer.zeroGrad();
            if (Double.isFinite(loss)) out.loss().backward();
            String bad = !Double.isFinite(loss) ? "loss became " + loss : nonFiniteGradient();
            if (bad != null) {
                optimizer.zeroGrad();
                if (nonFinite == NonFinitePolicy.STOP) {
                    throw new ArithmeticException(phase + ": " + bad + " at epoch " + epoch + " step " + progress.stepInEpoch
                            + " (global step " + progress.globalStep + "); the weights were not updated"
                            + " (lower the learning rate, or run under Anomaly.detect() to name the op)");
                }
                progress.skippedSteps++;
                return null;
            }
            optimizer.step();
            if (!trainMetrics.isEmpty()) scoreTraining(out.logits(), labels);
            progress.stepLosses.add(loss);
            return loss;
        }
    }

    private void scoreTraining(Tensor logits, Tensor labels) {
        float[] values = logits.toFloatArray();
        int[] y = labels.toIntArray();
        for (TopKAccuracy m : trainMetrics) m.update(values, logits.size(1), y);
    }

    /** The first parameter whose gradient holds NaN/Inf, described; null when all are finite. */
    private String nonFiniteGradient() {
        for (Tensor p : optimizer.params()) {
            Tensor g = p.grad();
            if (g != null && Anomaly.hasNonFinite(g)) return "a gradient became non-finite (parameter " + Shape.str(p.shape()) + ")";
        }
        return null;
    }

    private Callback.EpochEnd finishEpoch(int epoch, double seconds, double imagesPerSecond) {
        double mean = progress.epochMeanLoss();
        progress.epochLosses.add(mean);
        progress.epochsDone = epoch + 1;
        progress.stepInEpoch = 0;
        progress.imagesInEpoch = 0;
        progress.epochFirstLoss = progress.stepLosses.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", mean);
        for (TopKAccuracy m : trainMetrics) {
            metrics.put("top" + m.k(), m.value());
            m.reset();
        }
        if (validation != null) {
            Evaluation e = evaluate(validation, validationKs);
            for (int k : validationKs) metrics.put("val_top" + k, e.top(k));
        }
        return new Callback.EpochEnd(epoch, mean, seconds, imagesPerSecond, Collections.unmodifiableMap(metrics));
    }

    private static void closeQuietly(AutoCloseable a) {
        try {
            a.close();
        } catch (Exception e) {
            throw new IllegalStateException("Trainer: closing the epoch's batch iterator failed: " + e.getMessage(), e);
        }
    }

    /** Ends {@link #fit} after the current step (a callback's way to stop, e.g. {@link EarlyStopping}). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Top-k accuracies of the model on data (see {@link Evaluation#of}), on the training device. */
    public Evaluation evaluate(BatchSource data, int... ks) {
        return Evaluation.of(model, data, device != null ? device : model.device(), ks);
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Writes model, optimizer state, generator, step counters, loss history, running metrics, callback state and the
     * builder's metadata to one safetensors checkpoint, atomically (a crash mid-write leaves the previous file).
     */
    public void saveCheckpoint(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        if (checkpointMetadata != null) meta.putAll(checkpointMetadata.get());
        progress.save(meta, trainMetrics);
        for (Callback c : callbacks) c.saveState(meta);
        Checkpoint.save(file, model, optimizer, progress.globalStep, progress.epochsDone, rng, meta);
    }

    /**
     * Restores a checkpoint written by {@link #saveCheckpoint} for the same model and optimizer; {@link #fit} then
     * continues at the step after the saved one and ends with the weights of an uninterrupted run. A file that does
     * not fit the model or optimizer changes nothing.
     */
    public void resume(Path file) throws IOException {
        Progress restored = new Progress();
        List<TopKAccuracy> metrics = trainMetrics.stream().map(m -> new TopKAccuracy(m.k())).toList();
        Checkpoint.Info info = Checkpoint.load(file, model, optimizer, rng,
                i -> restored.restore(file, i.step(), i.epoch(), i.extra(), metrics));
        progress = restored;
        for (int i = 0; i < metrics.size(); i++) {
            trainMetrics.get(i).reset();
            trainMetrics.get(i).add(metrics.get(i).correct(), metrics.get(i).total());
        }
        for (Callback c : callbacks) c.restoreState(info.extra());
    }

    // ------------------------------------------------------------------ progress

    /** The phase name shown in progress and logs. */
    public String phase() {
        return phase;
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The optimizer updating the model. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Epochs the trainer runs in all. */
    public int epochs() {
        return epochs;
    }

    /** Epochs finished so far (restored on resume). */
    public int epochsDone() {
        return progress.epochsDone;
    }

    /** Batches drawn since the run began (skipped non-finite steps included). */
    public long globalStep() {
        return progress.globalStep;
    }

    /** Batches of the current epoch done (0 between epochs). */
    public int stepInEpoch() {
        return progress.stepInEpoch;
    }

    /** Steps dropped under {@link NonFinitePolicy#SKIP}. */
    public int skippedSteps() {
        return progress.skippedSteps;
    }

    /** The loss of every step taken, in order (a live, read-only view). */
    public List<Double> stepLosses() {
        return Collections.unmodifiableList(progress.stepLosses);
    }

    /** Each completed epoch's mean step loss. */
    public List<Double> epochLosses() {
        return Collections.unmodifiableList(progress.epochLosses);
    }

    // ------------------------------------------------------------------ construction

    /** Settings with defaults: 1 epoch, full passes, constant lr, {@link NonFinitePolicy#STOP}, the model's device. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private final TrainStep step;
        private String phase = "train";
        private int epochs = 1;
        private int stepsPerEpoch;
        private Device device;
        private LrSchedule schedule = LrSchedule.constant();
        private ScheduleUnit scheduleUnit = ScheduleUnit.EPOCH;
        private double baseLr = Double.NaN;
        private NonFinitePolicy nonFinite = NonFinitePolicy.STOP;
        private final List<Callback> callbacks = new ArrayList<>();
        private final List<Integer> trainTopK = new ArrayList<>();
        private BatchSource validation;
        private int[] validationKs;
        private Generator rng;
        private Supplier<Map<String, String>> checkpointMetadata;

        private Builder(Module model, Optimizer optimizer, TrainStep step) {
            if (model == null || optimizer == null || step == null) {
                throw new NullPointerException("Trainer.builder: model, optimizer and step are required");
            }
            this.model = model;
            this.optimizer = optimizer;
            this.step = step;
        }

        /** A name for messages and progress output (default "train"). */
        public Builder phase(String phase) {
            this.phase = phase;
            return this;
        }

        /** Epochs to train (default 1). */
        public Builder epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        /** At most this many batches per epoch; 0 (default) = the source's full epoch. */
        public Builder stepsPerEpoch(int steps) {
            if (steps < 0) throw new IllegalArgumentException("Trainer: stepsPerEpoch must be >= 0, got " + steps);
            this.stepsPerEpoch = steps;
            return this;
        }

        /** Where batches are moved before the step (default: the model's device when an epoch starts). */
        public Builder device(Device device) {
            this.device = device;
            return this;
        }

        /** lr = base · schedule.factor(t), t counting steps or epochs; base defaults to the optimizer's lr at build(). */
        public Builder schedule(LrSchedule schedule, ScheduleUnit unit) {
            if (schedule == null || unit == null) throw new NullPointerException("Trainer: schedule and unit are required");
            this.schedule = schedule;
            this.scheduleUnit = unit;
            return this;
        }

        /** The lr the schedule's factors multiply (default: the optimizer's lr at build time). */
        public Builder baseLr(double lr) {
            if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("Trainer: base lr must be finite and >= 0, got " + lr);
            this.baseLr = lr;
            return this;
        }

        /** What a non-finite loss or gradient does: fail (default) or skip the step. */
        public Builder onNonFinite(NonFinitePolicy policy) {
            this.nonFinite = policy;
            return this;
        }

        /** Training top-k accuracy per epoch (metrics {@code top<k>}); the step must return logits. */
        public Builder trainTopK(int... ks) {
            for (int k : ks) trainTopK.add(k);
            return this;
        }

        /** Evaluates on this source after every epoch (metrics {@code val_top<k>}), e.g. for {@link EarlyStopping}. */
        public Builder validation(BatchSource source, int... ks) {
            if (ks.length == 0) throw new IllegalArgumentException("Trainer: validation needs at least one k");
            this.validation = source;
            this.validationKs = ks.clone();
            return this;
        }

        /** Adds a callback run at every step and epoch end. */
        public Builder callback(Callback callback) {
            callbacks.add(callback);
            return this;
        }

        /** A generator the step or model draws from (dropout, noise), saved in and restored from checkpoints. */
        public Builder rng(Generator rng) {
            this.rng = rng;
            return this;
        }

        /** Entries added to every checkpoint's metadata (e.g. the run's configuration), read back by the caller. */
        public Builder checkpointMetadata(Supplier<Map<String, String>> metadata) {
            this.checkpointMetadata = metadata;
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
