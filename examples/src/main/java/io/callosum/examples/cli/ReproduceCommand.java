package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.EvalConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.FewShotConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.config.ProbeConfig;
import io.callosum.splitbrain.experiments.FashionFewShot;
import io.callosum.splitbrain.experiments.Table1;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ColorSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


/** The paper's tables on a dataset and budget the user names. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduces a table of the seed paper at a budget you choose:",
                "  table1   split-brain pretraining then fine-tuning, for each architecture × colour space (test top-1 / top-5); "
                        + "needs colour images (default --data synthetic).",
                "  fewshot  k-shot linear probes (k = 1…64, mean ± std over seeds) of random init, rotation and denoising-"
                        + "autoencoder pretraining on the same images and budget (default --data fashion-mnist).",
                "Budgets (presets): tiny (a smoke run: minutes), small (4096 unlabelled / 1000 / 1000 images, one pretraining epoch), "
                        + "full (all images, 5 pretraining epochs, 5 fine-tuning epochs: hours on a CPU); also paper, demo and quick. "
                        + "Options override the budget."})
final class ReproduceCommand extends CommandBase {
    enum Which { table1, fewshot }

    @Parameters(index = "0", paramLabel = "TABLE", description = "table1 or fewshot.")
    Which which;

    @Option(names = "--budget", paramLabel = "NAME", defaultValue = "small", converter = PresetConverter.class,
            description = "tiny, small or full, or another preset (default: ${DEFAULT-VALUE}).")
    Preset preset;

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

    @Option(names = "--batch", paramLabel = "N", description = "Batch size of pretraining and fine-tuning (default: from the budget).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Pretraining learning rate (default: from the budget).")
    Double lr;

    @Option(names = "--lr-decay", paramLabel = "FACTOR", description = "Learning-rate factor per epoch (default: from the budget).")
    Double decay;

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

    /** --budget by preset label; an unknown name is a usage error listing the presets. */
    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            try {
                return Preset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (which == Which.fewshot && !spec.commandLine().getParseResult().hasMatchedOption("--data")) data.data = "fashion-mnist";
        ExperimentConfig cfg = Usage.check(this::experiment);
        DataConfig sizes = cfg.data();
        if (data.unlabelled == null && sizes.unlabelled() > 0) data.unlabelled = sizes.unlabelled();
        if (data.train == null && sizes.train() > 0) data.train = sizes.train();
        if (data.test == null && sizes.test() > 0) data.test = sizes.test();
        Placement placement = run.placement();
        Data d = DataSources.open(data, run.seed());
        Path dir = run.out("reproduce-" + which);
        out().printf(Locale.ROOT, "reproduce %s at the %s budget on %s: %d unlabelled / %d train / %d test images; report to %s%n",
                which, preset.label(), d.description(), d.unlabelled().size(), d.train().size(), d.test().size(), dir);
        Table t = which == Which.table1
                ? Table1.run(new Table1.Config(architectures != null ? architectures : List.of(Architecture.values()), spaces, cfg, placement, dir),
                        d.requireSplitBrainImages().unlabelled(), d.train(), d.test(), progress)
                : FashionFewShot.run(cfg, placement, dir, d.unlabelled(), d.train(), d.test(), progress);
        out().println();
        out().println(t.toText());
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }

    /** The preset with what the options name in place of its values. */
    private ExperimentConfig experiment() {
        ExperimentConfig base = preset.config().withSeed(run.seed());
        Budget p = base.pretrain(), f = base.eval().finetune();
        int b = or(batch, p.batchSize());
        Budget pretrain = new Budget(p.optimizer(), or(lr, p.lr()), or(decay, p.decayPerEpoch()), p.weightDecay(), b,
                or(epochs, p.epochs()), or(steps, p.stepsPerEpoch()));
        Budget finetune = new Budget(f.optimizer(), f.lr(), f.decayPerEpoch(), f.weightDecay(), or(batch, f.batchSize()),
                or(finetuneEpochs, f.epochs()), or(finetuneSteps, f.stepsPerEpoch()));
        ProbeConfig pr = base.eval().probe();
        ProbeConfig probe = new ProbeConfig(or(probeEpochs, pr.epochs()), pr.batchSize(), pr.lr(), pr.weightDecay(), pr.extractBatch());
        FewShotConfig fs = base.eval().fewShot();
        FewShotConfig fewShot = new FewShotConfig(shots != null ? Arrays.stream(shots).boxed().toList() : fs.shots(), or(seeds, fs.seeds()));
        Architecture arch = architectures != null ? architectures.get(0) : base.model().architecture();
        return base.withModel(new ModelConfig(arch, base.model().colorSpace())).withPretrain(pretrain)
                .withEval(new EvalConfig(probe, finetune, fewShot));
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
