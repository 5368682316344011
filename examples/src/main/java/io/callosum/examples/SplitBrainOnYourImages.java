package io.callosum.examples;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.ImageFolderDataset;
import io.callosum.nn.data.Subset;
import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.experiments.ProbeTable;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Split-brain pretraining on your own pictures, then per-layer linear probes of the learned features against the
 * same network at random initialisation. The folder holds one sub-folder of PNG/JPEG pictures per class
 * ({@code photos/cat/001.jpg}, {@code photos/dog/002.png}, …); pretraining never sees the labels, only the probes do.
 *
 * <pre>java -cp callosum.jar io.callosum.examples.SplitBrainOnYourImages photos [epochs]</pre>
 */
public final class SplitBrainOnYourImages {
    private SplitBrainOnYourImages() {
    }

    /** Pictures resized to side×side, 80 % to pretrain and train the probes, 20 % to test them. */
    public static List<ProbeTable> run(Path folder, int side, int epochs, int stepsPerEpoch, PrintStream log) throws IOException {
        ImageFolderDataset all = ImageFolderDataset.builder(folder).size(side, side).resize(true).expandGrey(true).build();
        int[] order = new Generator(0).permutation(all.size());
        int nTest = Math.max(1, all.size() / 5);
        Dataset test = new Subset(all, Arrays.copyOfRange(order, 0, nTest));
        Dataset train = new Subset(all, Arrays.copyOfRange(order, nTest, order.length));
        log.printf("%d pictures in %d classes: %d to train on, %d to test%n", all.size(), all.numClasses(), train.size(), test.size());

        // SimpleNet on the Lab split (L → ab, ab → L); Adam, lr 1e-3 decayed ×0.3 per epoch
        var cfg = Preset.PAPER.config().withPretrain(new Budget(OptimizerKind.ADAM, 1e-3, 0.3, 0, Math.min(32, train.size()), epochs, stepsPerEpoch));
        Pretrainer pretrainer = new Pretrainer(cfg, Placement.CPU);
        TrainListener progress = new TrainListener() {
            @Override
            public void onEpoch(String phase, int epoch, double meanLoss, double seconds, double imagesPerSecond) {
                if (phase.startsWith("probe")) return; // probe results are printed below
                log.printf("%s %d: loss %.4f (%.1f s, %.1f images/s)%n", phase, epoch + 1, meanLoss, seconds, imagesPerSecond);
            }
        };
        pretrainer.train(train, progress, null); // the pretext task ignores the labels

        SplitBrainNet random = new SplitBrainNet(cfg.model().architecture(), pretrainer.split(), new Generator(99));
        LinearProbe.Config probe = LinearProbe.Config.builder().build();
        List<ProbeTable> tables = List.of(
                ProbeTable.run(new SplitBrainFeatures("split-brain", pretrainer.net(), pretrainer.split(), Device.CPU), train, test, 64, 2, probe, progress),
                ProbeTable.run(new SplitBrainFeatures("random init", random, pretrainer.split(), Device.CPU), train, test, 64, 2, probe, progress));
        for (ProbeTable t : tables) {
            for (int l = 0; l < t.layers().size(); l++) {
                log.printf("%-12s %-6s test top-1 %.3f%n", t.method(), t.layers().get(l), t.accuracies().get(l).top1());
            }
        }
        return tables;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SplitBrainOnYourImages FOLDER [EPOCHS]   (FOLDER/<class>/<picture>.jpg|png)");
            System.exit(2);
        }
        run(Path.of(args[0]), 96, args.length > 1 ? Integer.parseInt(args[1]) : 2, 0, System.out);
    }
}
