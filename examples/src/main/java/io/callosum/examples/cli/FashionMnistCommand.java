package io.callosum.examples.cli;

import io.callosum.examples.fashion.FashionMnistTraining;
import io.callosum.nn.data.IdxDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Supervised training of a small CNN on Fashion-MNIST: the library as a plain deep-learning toolkit. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a small CNN (two conv+BN+ReLU+pool stages, a hidden layer, dropout) on Fashion-MNIST with "
                + "Adam and a cosine schedule and reports test top-1/top-5 (the defaults are the full run: 60 000 "
                + "training images, 5 epochs)."})
final class FashionMnistCommand extends CommandBase {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the four Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path dataDir = IdxDataset.FASHION_MNIST_DIR;

    @Option(names = "--train", paramLabel = "N", description = "Training images used (default: ${DEFAULT-VALUE}).")
    int train = 60_000;

    @Option(names = "--test", paramLabel = "N", description = "Test images used (default: ${DEFAULT-VALUE}).")
    int test = 10_000;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 5;

    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (!Files.isDirectory(dataDir)) {
            throw new CliUsageException("--data " + dataDir + ": no such folder"
                    + (dataDir.equals(IdxDataset.FASHION_MNIST_DIR) ? " (apt-get install dataset-fashion-mnist)" : ""));
        }
        if (train < 1 || test < 1 || epochs < 1 || batch < 1 || !(lr > 0)) {
            throw new CliUsageException("--train, --test, --epochs, --batch and --lr must be positive");
        }
        FashionMnistTraining.Config cfg = new FashionMnistTraining.Config(dataDir, train, test, epochs, batch, lr, run.seed(),
                run.workers(), true, run.device());
        PrintStream log = WriterStreams.printStream(out());
        FashionMnistTraining.run(cfg, log);
        log.flush();
        return 0;
    }
}
