package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.FineTuner;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Budget;
import io.callosum.splitbrain.train.PretrainConfig;
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
    public record Config(List<Architecture> architectures, List<ColorSpace> spaces, PretrainConfig pretrain, Budget finetune,
                         String finetuneOptimizer, Path out) {
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
                Pretrainer pre = new Pretrainer(cfg.pretrain().withArchitecture(arch).withColorSpace(space));
                pre.train(unlabelled, listener, null);
                FineTuner.Result r = FineTuner.run(pre.net(), pre.split(), train, test, cfg.finetune(), cfg.finetuneOptimizer(), listener);
                Accuracy a = r.accuracy();
                row.add(String.format(java.util.Locale.ROOT, "%.4f / %.4f", a.top1(), a.top5()));
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("top1", a.top1());
                cell.put("top5", a.top5());
                cell.put("top1_ci95", a.top1Interval());
                cell.put("pretrain_final_loss", pre.loop().epochLosses().get(pre.loop().epochLosses().size() - 1));
                cell.put("parameters", pre.net().parameterCount());
                json.put(arch.label() + "/" + space.label(), cell);
            }
            t.row(row.toArray());
        }
        Report report = new Report(cfg.out(), "Table 1: split-brain pretraining then fine-tuning");
        report.config("architectures", cfg.architectures().stream().map(Architecture::label).toList())
                .config("colour spaces", cfg.spaces().stream().map(ColorSpace::label).toList());
        cfg.pretrain().describe().forEach((k, v) -> {
            // each cell sets its own architecture and colour space: the base config's would mislead
            if (!k.equals("architecture") && !k.equals("colour space")) report.config("pretrain " + k, v);
        });
        report.config("finetune", cfg.finetune().toString()).config("finetune optimizer", cfg.finetuneOptimizer())
                .config("unlabelled", unlabelled.name()).config("train", train.name()).config("test", test.name());
        report.table(t).result("cells", json).write();
        return t;
    }
}
