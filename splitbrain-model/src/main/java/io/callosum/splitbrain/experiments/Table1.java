package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.FineTuner;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's Table 1 at a budget the user names: for each architecture and colour space, split-brain pretraining on
 * unlabelled images followed by fine-tuning on labelled ones, reported as test top-1 / top-5.
 */
public final class Table1 {
    /** The architectures and colour spaces of the grid; every other setting comes from the base experiment. */
    public record Config(List<Architecture> architectures, List<ColorSpace> spaces, ExperimentConfig base, Placement placement, Path out) {
    }

    private Table1() {
    }

    public static Table run(Config cfg, Dataset unlabelled, Dataset train, Dataset test, TrainListener listener) throws IOException {
        List<String> header = new ArrayList<>(List.of("architecture"));
        for (ColorSpace s : cfg.spaces()) header.add(s.label() + " top-1 / top-5");
        Table t = new Table("table1", "Fine-tuned accuracy after split-brain pretraining (test top-1 / top-5)", header);
        Map<String, Object> json = new LinkedHashMap<>();
        for (Architecture arch : cfg.architectures()) {
            List<Object> row = new ArrayList<>(List.of(arch.label()));
            for (ColorSpace space : cfg.spaces()) {
                ExperimentConfig cell = cfg.base().withModel(new ModelConfig(arch, space));
                Pretrainer pre = new Pretrainer(cell, cfg.placement());
                pre.train(unlabelled, listener, null);
                FineTuner.Result r = FineTuner.run(pre.net(), pre.split(), train, test, cell.eval().finetune(), cell.seed(), cfg.placement(), listener);
                Accuracy a = r.accuracy();
                row.add(String.format(java.util.Locale.ROOT, "%.4f / %.4f", a.top1(), a.top5()));
                Map<String, Object> numbers = new LinkedHashMap<>();
                numbers.put("top1", a.top1());
                numbers.put("top5", a.top5());
                numbers.put("top1_ci95", a.top1Interval());
                numbers.put("pretrain_final_loss", pre.loop().epochLosses().get(pre.loop().epochLosses().size() - 1));
                numbers.put("parameters", pre.net().parameterCount());
                json.put(arch.label() + "/" + space.label(), numbers);
            }
            t.row(row.toArray());
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
