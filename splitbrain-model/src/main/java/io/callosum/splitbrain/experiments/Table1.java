package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.baselines.BaselineTraining;
import io.callosum.splitbrain.baselines.DenoisingAutoencoder;
import io.callosum.splitbrain.baselines.InputNormalizer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.BackboneFeatures;
import io.callosum.splitbrain.eval.FeatureClassifier;
import io.callosum.splitbrain.eval.FineTuner;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's Table 1 at a budget the user names: for each architecture and colour space, split-brain pretraining on
 * unlabelled images followed by fine-tuning on labelled ones, next to the baselines fine-tuned the same way (the same
 * network at random initialisation, rotation prediction, a salt-and-pepper 5 % denoising autoencoder, each seeing the
 * column's colour space), reported as test top-1 with its 95 % Wilson interval / top-5.
 */
public final class Table1 {
    /** The architectures and colour spaces of the grid; every other setting comes from the base experiment. */
    public record Config(List<Architecture> architectures, List<ColorSpace> spaces, ExperimentConfig base, Placement placement, Path out) {
    }

    private static final String SPLIT_BRAIN = "split-brain";
    private static final String DAE = "DAE (salt-and-pepper 5 %)";

    private Table1() {
    }

    /** Pretrains (except random init) and fine-tunes one cell's method; numbers gets what else it recorded. */
    private static Accuracy cell(String method, ExperimentConfig cell, Placement placement, Dataset unlabelled, Dataset train, Dataset test,
                                 TrainListener listener, Map<String, Object> numbers) {
        Budget finetune = cell.eval().finetune();
        if (method.equals(SPLIT_BRAIN) || method.equals("random init")) {
            Pretrainer pre = new Pretrainer(cell, placement);
            if (method.equals(SPLIT_BRAIN)) {
                pre.train(unlabelled, listener, null);
                numbers.put("pretrain_final_loss", pre.loop().epochLosses().get(pre.loop().epochLosses().size() - 1));
            }
            numbers.put("parameters", pre.net().parameterCount());
            return FineTuner.run(pre.net(), pre.split(), train, test, finetune, cell.seed(), placement, listener).accuracy();
        }
        Architecture arch = cell.model().architecture();
        InputNormalizer norm = new InputNormalizer(ChannelSplit.of(cell.model().colorSpace(), cell.targets().gamutAb()));
        BackboneFeatures b = method.equals(DAE)
                ? BaselineTraining.denoising(3, unlabelled, DenoisingAutoencoder.Noise.SALT_AND_PEPPER, cell.pretrain(), cell.seed(), placement, norm, listener)
                : BaselineTraining.rotation(arch, 3, unlabelled, cell.pretrain(), cell.seed(), placement, norm, listener);
        Tensor sample = train.get(0).image().unsqueeze(0).to(placement.device());
        FeatureClassifier classifier = new FeatureClassifier(b, sample, train.numClasses(), new Generator(cell.seed() + 17));
        numbers.put("parameters", classifier.parameterCount());
        return FineTuner.run(classifier, train, test, finetune, cell.seed(), placement, listener).accuracy();
    }

    /** Runs the paper's Table 1 comparison and returns its table. */
    public static Table run(Config cfg, Dataset unlabelled, Dataset train, Dataset test, TrainListener listener) throws IOException {
        List<String> header = new ArrayList<>(List.of("architecture", "method"));
        for (ColorSpace s : cfg.spaces()) header.add(s.label() + " top-1 [95 % CI] / top-5");
        Table t = new Table("table1", "Fine-tuned accuracy after pretraining (test top-1 with its 95 % Wilson interval / top-5)", header);
        Map<String, Object> json = new LinkedHashMap<>();
        List<String> methods = List.of(SPLIT_BRAIN, "random init", "rotation", DAE);
        for (Architecture arch : cfg.architectures()) {
            for (String method : methods) {
                // the DAE has one architecture of its own: its row comes once, with the first architecture
                if (method.equals(DAE) && arch != cfg.architectures().get(0)) continue;
                List<Object> row = new ArrayList<>(List.of(method.equals(DAE) ? "-" : arch.label(), method));
                for (ColorSpace space : cfg.spaces()) {
                    ExperimentConfig cell = cfg.base().withModel(new ModelConfig(arch, space));
                    Map<String, Object> numbers = new LinkedHashMap<>();
                    Accuracy a = cell(method, cell, cfg.placement(), unlabelled, train, test, listener, numbers);
                    row.add(String.format(java.util.Locale.ROOT, "%.4f %s / %.4f", a.top1(), ResultSections.interval(a), a.top5()));
                    numbers.put("top1", a.top1());
                    numbers.put("top5", a.top5());
                    numbers.put("top1_ci95", a.top1Interval());
                    json.put((method.equals(DAE) ? "dae" : arch.label()) + "/" + method + "/" + space.label(), numbers);
                }
                t.row(row.toArray());
            }
        }
        Report report = new Report(cfg.out(), "Table 1: split-brain pretraining then fine-tuning");
        // the base experiment's model is replaced in every cell by the grid's architecture and colour space
        report.experiment(cfg.base()).config("architectures", cfg.architectures().stream().map(Architecture::label).toList())
                .config("colour spaces", cfg.spaces().stream().map(ColorSpace::label).toList()).config(cfg.base().describeTraining())
                .config("finetune", cfg.base().eval().finetune().describe())
                .config("unlabelled", unlabelled.name()).config("train", train.name()).config("test", test.name());
        report.table(t).result("cells", json).write();
        return t;
    }
}
