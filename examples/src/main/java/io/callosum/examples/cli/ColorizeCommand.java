package io.callosum.examples.cli;

import io.callosum.examples.ColorizeImage;
import io.callosum.examples.Photos;
import io.callosum.nn.data.Image;
import io.callosum.splitbrain.eval.ColorizationScore;
import io.callosum.splitbrain.eval.Colorizer;
import io.callosum.splitbrain.report.ColorizationSection;
import io.callosum.splitbrain.targets.AnnealedMean;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PNG/JPEG in, colorized PNG out: half A of a Lab split-brain network predicts ab from the picture's lightness. */
@Command(name = "colorize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Colorizes pictures (PNG or JPEG; only their lightness is used) with half A of a Lab split-brain "
                + "network and writes PNGs. The network comes from --checkpoint (from 'callosum pretrain' with --space "
                + "lab or rescaled-lab); without one, a quick SimpleNet is pretrained on --data first (a minute or "
                + "two on synthetic scenes: it shows the mechanics; pretrain on pictures like yours for good colours)."})
final class ColorizeCommand extends CommandBase {
    private static final Budget QUICK = Preset.QUICK.config().pretrain();
    /** Training images averaged into the prior baseline of --compare's colorization score. */
    private static final int PRIOR_IMAGES = 256;

    private Tensor quickPrior;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Pictures to colorize.")
    List<Path> images;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Output PNG (one input only; default: <out>/<name>-colorized.png).")
    Path output;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A Lab checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Option(names = "--size", paramLabel = "PX", description = "Longest side the network sees; ab is upsampled to full size (default: ${DEFAULT-VALUE}).")
    int size = 256;

    @Option(names = "--temperature", paramLabel = "T", description = "Annealed-mean temperature: lower is more saturated (default: ${DEFAULT-VALUE}).")
    double temperature = AnnealedMean.DEFAULT_TEMPERATURE;

    @Option(names = "--compare", description = "Write a strip instead: input lightness, colorization, original; and print "
            + "the colorization's AuC of the ab-error CDF (0–150, plain and class-rebalanced) next to grey (ab = 0) and, "
            + "for the quick model, the per-pixel mean ab of its training pictures.")
    boolean compare;

    @Mixin DataOptions data = new DataOptions("synthetic");

    @Option(names = "--quick-steps", paramLabel = "N", description = "Pretraining steps of the quick model when no --checkpoint is given (default: ${DEFAULT-VALUE}).")
    int quickSteps = QUICK.stepsPerEpoch();

    @Option(names = "--quick-batch", paramLabel = "N", description = "Batch of the quick model (default: ${DEFAULT-VALUE}).")
    int quickBatch = QUICK.batchSize();

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (output != null && images.size() != 1) throw new CliUsageException("--output names one file but " + images.size() + " images were given; use --out DIR");
        if (size < 8) throw new CliUsageException("--size must be at least 8, got " + size);
        if (!(temperature > 0)) throw new CliUsageException("--temperature must be positive, got " + temperature);
        if (quickSteps < 1 || quickBatch < 1) throw new CliUsageException("--quick-steps and --quick-batch must be at least 1");
        Device device = run.device();
        List<Path> targets = ColorizeTargets.plan(images, output, output == null ? outDir() : null, compare ? "-compare.png" : "-colorized.png", run.overwrite());
        // read every picture before any training, so a bad file fails at once
        List<Image> photos = new ArrayList<>();
        for (Path p : images) {
            try {
                photos.add(Photos.read(p));
            } catch (IllegalArgumentException e) {
                throw new CliUsageException(e.getMessage());
            }
        }
        Pretrained net = checkpoint != null ? Pretrained.load(checkpoint, device) : quickModel(device, progress);
        Tensor prior = quickPrior; // the per-pixel prior of the data the quick model saw; a checkpoint brings none
        if (!net.split().space().isLab()) {
            throw new CliUsageException("--checkpoint " + checkpoint + ": was pretrained on the " + net.split().space().label()
                    + " split; colorization needs lab or rescaled-lab");
        }
        Colorizer colorizer = new Colorizer(net.net(), net.split(), temperature);
        for (int i = 0; i < photos.size(); i++) {
            Image photo = photos.get(i);
            Tensor colour = ColorizeImage.colorize(colorizer, photo, size, net.net().architecture().minInputSize(), device);
            Path target = targets.get(i);
            if (compare) Photos.writePng(Colorizer.grid(photo.toTensor().unsqueeze(0), colour), target);
            else Photos.writePng(colour, target);
            out().println(images.get(i) + " → " + target + " (" + photo.width() + "×" + photo.height() + ")");
            if (compare) {
                Tensor predicted = ColorizeImage.predictAb(colorizer, photo, size, net.net().architecture().minInputSize(), device);
                ColorizationScore.Comparison c = ColorizationScore.compare(predicted, ColorizationScore.ab(photo.toTensor().unsqueeze(0)), prior);
                out().println(ColorizationSection.table(c, images.get(i).getFileName().toString()).toText());
            }
        }
        return 0;
    }

    private Pretrained quickModel(Device device, ProgressListener progress) throws Exception {
        DataOptions d = data;
        if (d.unlabelled == null) d.unlabelled = quickSteps * quickBatch;
        Data source = DataSources.open(d, run.seed(), out()).requireSplitBrainImages();
        Budget budget = new Budget(QUICK.optimizer(), QUICK.lr(), QUICK.decayPerEpoch(), QUICK.weightDecay(), quickBatch, QUICK.epochs(), quickSteps);
        ExperimentConfig pc = Preset.QUICK.config().withPretrain(budget).withSeed(run.seed());
        out().println("no --checkpoint: pretraining a quick " + pc.model().architecture().label() + " (" + quickSteps + " steps of "
                + quickBatch + ") on " + source.description());
        Pretrainer pretrainer = new Pretrainer(pc, run.placement());
        pretrainer.train(source.unlabelled(), progress, null);
        quickPrior = ColorizationScore.priorMeanAb(source.unlabelled(), PRIOR_IMAGES);
        return new Pretrained("quick split-brain", pretrainer.net(), pretrainer.split(), pc, device);
    }

    @Override
    RunFolder.Reuse reuse() {
        return RunFolder.Reuse.SHARED; // each picture is checked on its own (ColorizeTargets)
    }
}
