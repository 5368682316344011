package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.FewShot;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.experiments.FashionFewShot;
import io.callosum.splitbrain.experiments.Table1;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Budget;
import io.callosum.splitbrain.train.PretrainConfig;
import io.callosum.tensor.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The paper's tables on a dataset and budget the user names. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduces a table of the seed paper at a budget you choose:",
                "  table1   split-brain pretraining then fine-tuning, for each architecture × colour space (test top-1 / top-5); "
                        + "needs colour images (default --data synthetic).",
                "  fewshot  k-shot linear probes (k = 1…64, mean ± std over seeds) of random init, rotation and denoising-"
                        + "autoencoder pretraining on the same images and budget (default --data fashion-mnist).",
                "Budgets: tiny (a smoke run: minutes), small (4096 unlabelled / 1000 / 1000 images, one pretraining epoch), "
                        + "full (all images, 5 pretraining epochs, 5 fine-tuning epochs: hours on a CPU). Options override the budget."})
final class ReproduceCommand extends CommandBase {
    enum Which { table1, fewshot }

    /** Image counts and training lengths of a budget. */
    enum Preset {
        tiny(512, 200, 200, 1, 8, 16, 1, 8, new int[]{1, 2, 4}, 2, 5),
        small(4096, 1000, 1000, 1, 0, 64, 2, 0, FewShot.DEFAULT_SHOTS, 3, 30),
        full(-1, -1, -1, 5, 0, 64, 5, 0, FewShot.DEFAULT_SHOTS, 5, 40);

        final int unlabelled, train, test, epochs, steps, batch, finetuneEpochs, finetuneSteps, seeds, probeEpochs;
        final int[] shots;

        Preset(int unlabelled, int train, int test, int epochs, int steps, int batch, int finetuneEpochs, int finetuneSteps,
               int[] shots, int seeds, int probeEpochs) {
            this.unlabelled = unlabelled;
            this.train = train;
            this.test = test;
            this.epochs = epochs;
            this.steps = steps;
            this.batch = batch;
            this.finetuneEpochs = finetuneEpochs;
            this.finetuneSteps = finetuneSteps;
            this.shots = shots;
            this.seeds = seeds;
            this.probeEpochs = probeEpochs;
        }
    }

    @Parameters(index = "0", paramLabel = "TABLE", description = "table1 or fewshot.")
    Which which;

    @Option(names = "--budget", paramLabel = "NAME", description = "tiny, small or full (default: ${DEFAULT-VALUE}).")
    Preset preset = Preset.small;

    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Option(names = "--archs", paramLabel = "LIST", split = ",", converter = Converters.ArchitectureConverter.class,
            description = "table1: architectures (default: simplenet,resnet18,fc-alexnet); fewshot: the first is used (default: simplenet).")
    List<Architecture> architectures;

    @Option(names = "--spaces", paramLabel = "LIST", split = ",", converter = Converters.ColorSpaceConverter.class,
            description = "table1: colour spaces (default: rgb,lab,rescaled-lab).")
    List<ColorSpace> spaces = List.of(ColorSpace.RGB, ColorSpace.LAB, ColorSpace.RESCALED_LAB);

    @Option(names = "--epochs", paramLabel = "N", description = "Pretraining epochs (default: from the budget).")
    Integer epochs;

    @Option(names = "--steps", paramLabel = "N", description = "Pretraining steps per epoch, 0 = full pass (default: from the budget).")
    Integer steps;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: from the budget).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Pretraining learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 1e-3;

    @Option(names = "--lr-decay", paramLabel = "FACTOR", description = "Learning-rate factor per epoch (default: ${DEFAULT-VALUE}).")
    double decay = 0.3;

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "table1: fine-tuning epochs (default: from the budget).")
    Integer finetuneEpochs;

    @Option(names = "--finetune-steps", paramLabel = "N", description = "table1: fine-tuning steps per epoch (default: from the budget).")
    Integer finetuneSteps;

    @Option(names = "--shots", paramLabel = "K", split = ",", description = "fewshot: labelled images per class (default: from the budget).")
    int[] shots;

    @Option(names = "--seeds", paramLabel = "N", description = "fewshot: draws per k (default: from the budget).")
    Integer seeds;

    @Option(names = "--probe-epochs", paramLabel = "N", description = "fewshot: epochs of each linear probe (default: from the budget).")
    Integer probeEpochs;

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (which == Which.fewshot && !spec.commandLine().getParseResult().hasMatchedOption("--data")) data.data = "fashion-mnist";
        if (data.unlabelled == null && preset.unlabelled > 0) data.unlabelled = preset.unlabelled;
        if (data.train == null && preset.train > 0) data.train = preset.train;
        if (data.test == null && preset.test > 0) data.test = preset.test;
        Device device = run.device();
        Data d = DataSources.open(data, run.seed());
        int b = positive("--batch", batch, preset.batch);
        Budget pretrain = new Budget(b, positive("--epochs", epochs, preset.epochs), nonNegative("--steps", steps, preset.steps),
                lr, decay, run.seed(), device, run.workers());
        Path dir = run.out("reproduce-" + which);
        out().printf(Locale.ROOT, "reproduce %s at the %s budget on %s: %d unlabelled / %d train / %d test images; report to %s%n",
                which, preset, d.description(), d.unlabelled().size(), d.train().size(), d.test().size(), dir);
        Table t = which == Which.table1 ? table1(d.requireSplitBrainImages(), pretrain, dir, progress) : fewShot(d, pretrain, dir, progress);
        out().println();
        out().println(t.toText());
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }

    private Table table1(Data d, Budget pretrain, Path dir, ProgressListener progress) throws Exception {
        List<Architecture> archs = architectures != null ? architectures : List.of(Architecture.values());
        PretrainConfig pc = PretrainConfig.defaults().withOptimizer("adam", pretrain.lr(), pretrain.decayPerEpoch())
                .withBudget(pretrain.batchSize(), pretrain.epochs(), pretrain.stepsPerEpoch()).withSeed(run.seed())
                .withDevice(pretrain.device(), pretrain.workers());
        Budget finetune = new Budget(pretrain.batchSize(), positive("--finetune-epochs", finetuneEpochs, preset.finetuneEpochs),
                nonNegative("--finetune-steps", finetuneSteps, preset.finetuneSteps), 1e-3, 0.5, run.seed(), pretrain.device(), pretrain.workers());
        return Table1.run(new Table1.Config(archs, spaces, pc, finetune, "adam", dir), d.unlabelled(), d.train(), d.test(), progress);
    }

    private Table fewShot(Data d, Budget pretrain, Path dir, ProgressListener progress) throws Exception {
        Architecture arch = architectures != null ? architectures.get(0) : Architecture.SIMPLENET;
        int[] k = shots != null ? shots : preset.shots;
        for (int v : k) if (v < 1) throw new CliUsageException("--shots must all be at least 1, got " + v);
        LinearProbe.Config probe = new LinearProbe.Config(positive("--probe-epochs", probeEpochs, preset.probeEpochs), 250, 1e-3, 1e-3, run.seed());
        FashionFewShot.Config cfg = new FashionFewShot.Config(arch, pretrain, k, positive("--seeds", seeds, preset.seeds), probe, dir);
        return FashionFewShot.run(cfg, d.unlabelled(), d.train(), d.test(), progress);
    }

    private static int positive(String option, Integer given, int fallback) {
        int v = given != null ? given : fallback;
        if (v < 1) throw new CliUsageException(option + " must be at least 1, got " + v);
        return v;
    }

    private static int nonNegative(String option, Integer given, int fallback) {
        int v = given != null ? given : fallback;
        if (v < 0) throw new CliUsageException(option + " must be >= 0, got " + v);
        return v;
    }
}
