package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.baselines.BaselineTraining;
import io.callosum.splitbrain.eval.FeatureSet;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.eval.FewShot;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Plots;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.train.Budget;
import io.callosum.splitbrain.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few-shot table the seed left empty, on grey images (Fashion-MNIST): random initialisation, rotation prediction
 * and a denoising autoencoder pretrained on the same unlabelled images with the same budget; for each k a linear probe
 * on k labelled images per class (the best layer of each method's full-data probe), mean ± std over seeds.
 */
public final class FashionFewShot {
    public record Config(Architecture architecture, Budget pretrain, int[] shots, int seeds, LinearProbe.Config probe, Path out) {
    }

    private FashionFewShot() {
    }

    public static Table run(Config cfg, Dataset unlabelled, Dataset train, Dataset test, TrainListener listener) throws IOException {
        int channels = train.image(0).channels();
        List<FeatureSource> sources = List.of(
                BaselineTraining.randomInit(cfg.architecture(), channels, cfg.pretrain()),
                BaselineTraining.rotation(cfg.architecture(), channels, unlabelled, cfg.pretrain(), null, listener),
                BaselineTraining.denoising(channels, unlabelled, cfg.pretrain(), null, listener));
        List<String> header = new ArrayList<>(List.of("method", "layer"));
        for (int k : cfg.shots()) header.add(k + "-shot");
        Table t = new Table("fewshot", "Few-shot linear probes (test top-1, mean ± std over " + cfg.seeds() + " seeds)", header);
        Map<String, Object> json = new LinkedHashMap<>();
        List<Plots.Series> series = new ArrayList<>();
        for (FeatureSource src : sources) {
            FeatureSet tr = FeatureSet.extract(src, train, 256, cfg.pretrain().workers());
            FeatureSet te = FeatureSet.extract(src, test, 256, cfg.pretrain().workers());
            ProbeTable full = ProbeTable.run(src.name(), tr, te, train.numClasses(), cfg.probe(), listener);
            int layer = full.bestLayer();
            List<FewShot.Point> pts = FewShot.run(tr, te, layer, train.numClasses(), cfg.shots(), cfg.seeds(), cfg.probe());
            List<Object> row = new ArrayList<>(List.of(src.name(), src.layers().get(layer)));
            double[] x = new double[pts.size()], y = new double[pts.size()], e = new double[pts.size()];
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < pts.size(); i++) {
                FewShot.Point p = pts.get(i);
                row.add(String.format(java.util.Locale.ROOT, "%.3f ± %.3f", p.mean(), p.std()));
                x[i] = p.shots();
                y[i] = p.mean();
                e[i] = p.std();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("k", p.shots());
                c.put("top1", p.top1());
                c.put("top5", p.top5());
                cells.add(c);
            }
            t.row(row.toArray());
            series.add(new Plots.Series(src.name(), x, y, e));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", src.layers().get(layer));
            m.put("full_probe_top1_per_layer", full.accuracies().stream().map(a -> a.top1()).toList());
            m.put("fewshot", cells);
            json.put(src.name(), m);
        }
        Report report = new Report(cfg.out(), "Few-shot classification on " + train.name());
        report.config("architecture", cfg.architecture().label()).config("pretrain budget", cfg.pretrain().toString())
                .config("unlabelled", unlabelled.name()).config("train pool", train.name()).config("test", test.name())
                .config("seeds", cfg.seeds()).config("probe", cfg.probe().toString());
        report.table(t).result("methods", json);
        Plots.line(report.file("fewshot.png"), "Few-shot linear probe accuracy", "labelled images per class (k)", "test top-1", series, true);
        report.figure("fewshot.png", "Few-shot accuracy (mean ± std over seeds)");
        report.write();
        return t;
    }
}
