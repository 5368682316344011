package io.callosum.examples.fashion;

import io.callosum.nn.Module;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.IdxDataset;
import io.callosum.nn.data.Split;
import io.callosum.nn.data.Subset;
import io.callosum.nn.data.transforms.Compose;
import io.callosum.nn.data.transforms.HorizontalFlip;
import io.callosum.nn.data.transforms.Normalize;
import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.Dropout;
import io.callosum.nn.layers.Flatten;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.layers.MaxPool2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.nn.losses.CrossEntropyLoss;
import io.callosum.nn.optim.Adam;
import io.callosum.nn.schedule.LrSchedule;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Evaluation;
import io.callosum.nn.train.ScheduleUnit;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a small CNN (two conv+BN+ReLU+pool stages, a hidden linear layer, dropout, a linear classifier) on
 * Fashion-MNIST with Adam and a cosine schedule, and reports test accuracy. The full run (60 000 / 10 000 images) is
 * the nn-layers acceptance run recorded in benchmarks/RESULTS.md; tests run it on a subset.
 */
public final class FashionMnistTraining {
    /** Fashion-MNIST's pixel mean and standard deviation over the training set (of values in [0, 1]). */
    static final float MEAN = 0.2860f, STD = 0.3530f;

    public record Config(Path dataDir, int trainLimit, int testLimit, int epochs, int batchSize, double lr, long seed,
                         int workers, boolean progress, Device device) {
        public static Config full(Path dataDir) {
            return new Config(dataDir, 60_000, 10_000, 5, 64, 2e-3, 1, 2, true, Device.CPU);
        }
    }

    public record EpochStats(int epoch, double trainLoss, double trainTop1, double seconds, double imagesPerSecond) {
    }

    public record Result(double testTop1, double testTop5, List<EpochStats> epochs, double totalSeconds, long parameters) {
    }

    private FashionMnistTraining() {
    }

    /** The network: 1×28×28 → conv32 → pool → conv64 → pool → 128 → 10. */
    public static Module model(Generator g) {
        return new Sequential(
                Conv2d.builder(1, 32, 3).padding(1).bias(false).generator(g).build(), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(32, 64, 3).padding(1).bias(false).generator(g).build(), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128, g), new ReLU(), new Dropout(0.25, g.split()),
                new Linear(128, 10, g));
    }

    public static Result run(Config cfg, PrintStream log) throws IOException {
        return run(cfg, log, TrainListener.SILENT);
    }

    /** As {@link #run(Config, PrintStream)}, reporting each step and epoch to listener (phase "fashion-mnist"). */
    public static Result run(Config cfg, PrintStream log, TrainListener listener) throws IOException {
        Dataset train = limit(IdxDataset.fashionMnist(cfg.dataDir(), Split.TRAIN), cfg.trainLimit());
        Dataset test = limit(IdxDataset.fashionMnist(cfg.dataDir(), Split.TEST), cfg.testLimit());
        Module net = model(new Generator(cfg.seed()));
        net.to(cfg.device());
        Normalize norm = new Normalize(MEAN, STD);
        List<EpochStats> history = new ArrayList<>();
        long start = System.nanoTime();
        try (DataLoader trainLoader = DataLoader.builder(train).batchSize(cfg.batchSize()).shuffle(true).seed(cfg.seed())
                .transform(Compose.of(new HorizontalFlip(0.5), norm)).workers(cfg.workers()).build();
             DataLoader testLoader = DataLoader.builder(test).batchSize(500).transform(norm).workers(cfg.workers()).build()) {
            Trainer trainer = Trainer.builder(net, new Adam(net.parameters(), cfg.lr()), TrainStep.classifier(net, new CrossEntropyLoss()))
                    .phase("fashion-mnist").epochs(cfg.epochs()).device(cfg.device()).trainTopK(1)
                    .schedule(LrSchedule.cosine((long) cfg.epochs() * trainLoader.batchesPerEpoch(), 0.0), ScheduleUnit.STEP)
                    .build();
            trainer.fit(trainLoader, new Progress(cfg, train.size(), log, history), listener);
            Evaluation top = trainer.evaluate(testLoader, 1, 5);
            Result r = new Result(top.top(1), top.top(5), history, (System.nanoTime() - start) / 1e9, net.parameterCount());
            log.printf(Locale.ROOT, "test top-1 %.2f %%, top-5 %.2f %% on %d images (%d parameters, %.1f s in all)%n",
                    100 * r.testTop1(), 100 * r.testTop5(), test.size(), r.parameters(), r.totalSeconds());
            return r;
        }
    }

    /** A progress bar over each epoch's images and a summary line per epoch, recorded in the history. */
    private static final class Progress implements Callback {
        private final Config cfg;
        private final int images;
        private final PrintStream log;
        private final List<EpochStats> history;
        private ProgressBar bar;

        Progress(Config cfg, int images, PrintStream log, List<EpochStats> history) {
            this.cfg = cfg;
            this.images = images;
            this.log = log;
            this.history = history;
        }

        @Override
        public void onEpochStart(Trainer t, int epoch) {
            bar = bar("epoch " + (epoch + 1) + "/" + cfg.epochs(), images, cfg.progress(), log);
        }

        @Override
        public void onStepEnd(Trainer t, StepEnd s) {
            if (bar != null) bar.stepTo(s.imagesInEpoch());
        }

        @Override
        public void onEpochEnd(Trainer t, EpochEnd e) {
            if (bar != null) bar.close();
            EpochStats stats = new EpochStats(e.epoch() + 1, e.meanLoss(), e.metrics().get("top1"), e.seconds(), e.imagesPerSecond());
            history.add(stats);
            log.printf(Locale.ROOT, "epoch %d: loss %.4f, train top-1 %.2f %%, %.1f s, %.0f images/s%n",
                    stats.epoch(), stats.trainLoss(), 100 * stats.trainTop1(), stats.seconds(), stats.imagesPerSecond());
        }
    }

    private static Dataset limit(Dataset d, int n) {
        if (n >= d.size()) return d;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return new Subset(d, idx);
    }

    /** A bar over the epoch's images, with images/s and ETA. */
    private static ProgressBar bar(String task, int images, boolean show, PrintStream out) {
        if (!show) return null;
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(images).setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).showSpeed(new java.text.DecimalFormat("0")).build();
    }

    public static void main(String[] args) throws IOException {
        Config c = Config.full(IdxDataset.FASHION_MNIST_DIR);
        if (args.length > 0) c = new Config(c.dataDir(), c.trainLimit(), c.testLimit(), Integer.parseInt(args[0]), c.batchSize(), c.lr(), c.seed(), c.workers(), true, c.device());
        Result r = run(c, System.out);
        System.exit(r.testTop1() >= 0.91 ? 0 : 1);
    }
}
