package io.callosum.examples.cli;

import io.callosum.examples.fashion.FashionMnistTraining;
import io.callosum.nn.data.IdxDataset;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Supervised training of a small CNN on Fashion-MNIST: the library as a plain deep-learning toolkit. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a small CNN (two conv+BN+ReLU+pool stages, a hidden layer, dropout) on Fashion-MNIST with "
                + "Adam and a cosine schedule and reports test top-1/top-5 (the defaults are the full run: 60 000 "
                + "training images, 5 epochs), with a report (report.md, results.json, a CSV) in --out."})
final class FashionMnistCommand extends CommandBase {
    private static final FashionMnistTraining.Config FULL = FashionMnistTraining.Config.full(IdxDataset.FASHION_MNIST_DIR);

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).") Path dataDir = FULL.dataDir();
    @Option(names = "--train", paramLabel = "N", description = "Training images used (default: ${DEFAULT-VALUE}).") int train = FULL.trainLimit();
    @Option(names = "--test", paramLabel = "N", description = "Test images used (default: ${DEFAULT-VALUE}).") int test = FULL.testLimit();
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).") int epochs = FULL.epochs();
    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).") int batch = FULL.batchSize();
    @Option(names = "--lr", paramLabel = "RATE", description = "Peak Adam learning rate (default: ${DEFAULT-VALUE}).") double lr = FULL.lr();

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (!Files.isDirectory(dataDir)) {
            throw new CliUsageException("--data " + dataDir + ": no such folder"
                    + (dataDir.equals(IdxDataset.FASHION_MNIST_DIR) ? " (apt-get install dataset-fashion-mnist)" : ""));
        }
        if (train < 1 || test < 1 || epochs < 1 || batch < 1 || !(lr > 0)) {
            throw new CliUsageException("--train, --test, --epochs, --batch and --lr must be positive");
        }
        Path dir = outDir(); // checked and locked before training
        FashionMnistTraining.Config cfg = new FashionMnistTraining.Config(dataDir, train, test, epochs, batch, lr, run.seed(),
                run.workers(), false, run.device());
        // progress and per-epoch lines come from the shared listener; the result goes to the report and the summary
        FashionMnistTraining.Result r = FashionMnistTraining.run(cfg, new PrintStream(OutputStream.nullOutputStream()), progress);
        Report report = new Report(dir, "Supervised CNN on Fashion-MNIST");
        report.config("data", dataDir.toString()).config("train images", train).config("test images", test).config("epochs", epochs)
                .config("batch", batch).config("peak lr (Adam, cosine)", lr).config("seed", run.seed()).config("device", run.device().toString());
        Table t = new Table("epochs", "Training per epoch", List.of("epoch", "train loss", "train top-1", "seconds", "images/s"));
        for (FashionMnistTraining.EpochStats e : r.epochs()) t.row(e.epoch(), e.trainLoss(), e.trainTop1(), e.seconds(), e.imagesPerSecond());
        report.table(t).result("test_top1", r.testTop1()).result("test_top5", r.testTop5()).result("parameters", r.parameters())
                .result("seconds", r.totalSeconds()).result("epochs", r.epochs());
        finish(report, t, String.format(Locale.ROOT, "test top-1 %.2f %%, top-5 %.2f %% (%d parameters, %.1f s in all)%n",
                100 * r.testTop1(), 100 * r.testTop5(), r.parameters(), r.totalSeconds()));
        return 0;
    }
}
