package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.EvalConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.experiments.ColourFewShot;
import io.callosum.splitbrain.experiments.FashionFewShot;
import io.callosum.splitbrain.experiments.SingleImageStudy;
import io.callosum.splitbrain.experiments.Table1;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ColorSpace;
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
                "  table1   split-brain pretraining then fine-tuning, for each architecture × colour space, next to random init, "
                        + "rotation and a salt-and-pepper denoising autoencoder fine-tuned alike (test top-1 with its Wilson interval / top-5); "
                        + "needs colour images (default --data synthetic).",
                "  fewshot  k-shot linear probes (k = 1…64, top-1 and top-5, mean ± std over seeds) of random init, rotation and "
                        + "denoising-autoencoder (salt-and-pepper 5 percent) pretraining on the same images and budget, plus split-brain "
                        + "pretraining on colour data such as --data synthetic (default --data fashion-mnist).",
                "  single-image  split-brain pretraining on 1, 10, 100, … images under heavy augmentation (crops down to 1/10000 "
                        + "of the area, aspect 3:4 to 4:3, rotation ±35°, flips, colour changes) vs the full unlabelled set vs random "
                        + "init, per-layer linear probes; needs colour images (default --data synthetic).",
                "Budgets (presets): tiny (a smoke run: minutes), small (4096 unlabelled / 1000 / 1000 images, one pretraining epoch), "
                        + "full (all images, 5 pretraining epochs, 5 fine-tuning epochs: hours on a CPU); also paper, demo and quick. "
                        + "Options given override the budget; the defaults --help shows are the small budget's."})
final class ReproduceCommand extends CommandBase {
    enum Which {
        table1, fewshot, single_image;

        /** The name on the command line: single-image. */
        String label() {
            return name().replace('_', '-');
        }
    }

    /** What --help shows as defaults: the default budget's. */
    private static final ExperimentConfig SMALL = Preset.SMALL.config();

    @Parameters(index = "0", paramLabel = "TABLE", converter = WhichConverter.class, description = "table1, fewshot or single-image.")
    Which which;

    /** single-image on the command line, single_image in Java. */
    static final class WhichConverter implements picocli.CommandLine.ITypeConverter<Which> {
        @Override
        public Which convert(String value) {
            for (Which w : Which.values()) if (w.label().equals(value)) return w;
            throw new picocli.CommandLine.TypeConversionException("unknown table '" + value + "': expected table1, fewshot or single-image");
        }
    }

    @Option(names = "--budget", paramLabel = "NAME", defaultValue = "small", converter = Converters.PresetConverter.class,
            description = "tiny, small or full, or another preset (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Mixin DataOptions data = new DataOptions("synthetic");

    @Option(names = "--archs", paramLabel = "LIST", split = ",", converter = Converters.ArchitectureConverter.class,
            description = "table1: architectures (default: simplenet,resnet18,fc-alexnet); fewshot: the first is used (default: simplenet).")
    List<Architecture> architectures;

    @Option(names = "--spaces", paramLabel = "LIST", split = ",", converter = Converters.ColorSpaceConverter.class,
            description = "table1: colour spaces (default: rgb,lab,rescaled-lab).")
    List<ColorSpace> spaces = List.of(ColorSpace.RGB, ColorSpace.LAB, ColorSpace.RESCALED_LAB);

    @Mixin BudgetOptions pretrain = new BudgetOptions(SMALL.pretrain());

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "table1: fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs = SMALL.eval().finetune().epochs();

    @Option(names = "--finetune-steps", paramLabel = "N", description = "table1: fine-tuning steps per epoch, 0 = a full pass (default: ${DEFAULT-VALUE}).")
    int finetuneSteps = SMALL.eval().finetune().stepsPerEpoch();

    @Mixin FewShotOptions fewShot = new FewShotOptions(SMALL.eval().fewShot());
    @Mixin ProbeOptions probe = new ProbeOptions(SMALL.eval().probe());

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (which == Which.fewshot && !spec.commandLine().getParseResult().hasMatchedOption("--data")) data.data = "fashion-mnist";
        ExperimentConfig cfg = Usage.check(this::experiment);
        data.defaultTo(cfg.data());
        Placement placement = run.placement();
        Path dir = outDir(); // locked before the data check, so a second run into it fails at once
        Data d = DataSources.open(data, run.seed(), out());
        cfg = cfg.withData(d.sizes());
        out().printf(Locale.ROOT, "reproduce %s at the %s budget on %s: %d unlabelled / %d train / %d test images; report to %s%n",
                which.label(), preset.label(), d.description(), d.unlabelled().size(), d.train().size(), d.test().size(), dir);
        Table t = switch (which) {
            case table1 -> Table1.run(new Table1.Config(architectures != null ? architectures : List.of(Architecture.values()), spaces, cfg, placement, dir),
                    d.requireSplitBrainImages().unlabelled(), d.train(), d.test(), progress);
            case fewshot -> d.isColour() ? ColourFewShot.run(cfg, placement, dir, d.requireSplitBrainImages().unlabelled(), d.train(), d.test(), progress)
                    : FashionFewShot.run(cfg, placement, dir, d.unlabelled(), d.train(), d.test(), progress);
            case single_image -> SingleImageStudy.run(cfg, placement, dir, d.requireSplitBrainImages().unlabelled(), d.train(), d.test(), progress);
        };
        out().println();
        out().println(t.toText());
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }

    @Override
    String outName() {
        return "reproduce-" + which.label();
    }

    /** The preset with what the options name in place of its values (--batch sets fine-tuning's too). */
    private ExperimentConfig experiment() {
        ExperimentConfig base = preset.config().withSeed(run.seed());
        Budget f = base.eval().finetune();
        Given given = new Given(spec);
        Budget finetune = new Budget(f.optimizer(), f.lr(), f.decayPerEpoch(), f.weightDecay(), given.or("--batch", pretrain.batch, f.batchSize()),
                given.or("--finetune-epochs", finetuneEpochs, f.epochs()), given.or("--finetune-steps", finetuneSteps, f.stepsPerEpoch()));
        EvalConfig eval = new EvalConfig(probe.applyTo(base.eval().probe()), finetune, fewShot.applyTo(base.eval().fewShot()));
        Architecture arch = architectures != null ? architectures.get(0) : base.model().architecture();
        return base.withModel(new ModelConfig(arch, base.model().colorSpace())).withPretrain(pretrain.applyTo(base.pretrain())).withEval(eval);
    }
}
