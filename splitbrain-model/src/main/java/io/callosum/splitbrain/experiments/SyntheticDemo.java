package io.callosum.splitbrain.experiments;

import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.Colorizer;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.report.Plots;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.PretrainConfig;
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
 * The main job: split-brain pretraining on the synthetic colour set, then per-layer linear probes of the pretrained
 * network against the same architecture at random initialisation, a colorization grid, and a report.
 */
public final class SyntheticDemo {
    /** Sizes of the three synthetic splits, the pretraining settings and the probe settings. */
    public record Config(int unlabelled, int train, int test, PretrainConfig pretrain, LinearProbe.Config probe, Path out) {
        public static Config defaults(Path out) {
            PretrainConfig p = PretrainConfig.defaults().withOptimizer("adam", 1e-3, 0.3).withBudget(64, 2, 0);
            // 8 192 fresh scenes × 2 epochs is what fits the 10-minute promise (≈ 5 min on 2 cores); 2 000 test images
            // make the 95 % intervals ±1.5 points instead of ±2 at 1 000
            return new Config(8192, 1000, 2000, p, new LinearProbe.Config(40, 250, 1e-3, 1e-3, 0), out);
        }
    }

    /** What the demo found. */
    public record Result(ProbeTable splitBrain, ProbeTable random, boolean beatsRandom, Table table, Path report) {
    }

    private SyntheticDemo() {
    }

    public static Result run(Config cfg, TrainListener listener) throws IOException {
        PretrainConfig pc = cfg.pretrain();
        long seed = pc.seed();
        SyntheticColorDataset unlabelled = SyntheticColorDataset.standard(cfg.unlabelled(), seed * 31 + 1, false);
        SyntheticColorDataset train = SyntheticColorDataset.standard(cfg.train(), seed * 31 + 2, true);
        SyntheticColorDataset test = SyntheticColorDataset.standard(cfg.test(), seed * 31 + 3, true);

        long t0 = System.nanoTime();
        Pretrainer pre = new Pretrainer(pc);
        pre.train(unlabelled, listener, null);
        double pretrainSeconds = (System.nanoTime() - t0) / 1e9;

        ChannelSplit split = pre.split();
        SplitBrainNet random = new SplitBrainNet(pc.architecture(), split, new Generator(seed + 99));
        random.to(pc.device());
        int batch = 100;
        ProbeTable sb = ProbeTable.run(new SplitBrainFeatures("split-brain", pre.net(), split, pc.device()), train, test, batch, pc.workers(), cfg.probe(), listener);
        ProbeTable rnd = ProbeTable.run(new SplitBrainFeatures("random init", random, split, pc.device()), train, test, batch, pc.workers(), cfg.probe(), listener);

        Report report = new Report(cfg.out(), "Split-brain autoencoder vs random initialisation on the synthetic colour set");
        pc.describe().forEach(report::config);
        report.config("unlabelled images", cfg.unlabelled()).config("labelled train", cfg.train()).config("test", cfg.test())
                .config("classes", train.numClasses()).config("probe epochs", cfg.probe().epochs())
                .config("probe lr", cfg.probe().lr()).config("probe weight decay", cfg.probe().weightDecay());
        Table t = new Table("linear_probes", "Linear probes per layer (test top-1 / top-5, 95 % Wilson interval of top-1)",
                List.of("layer", "split-brain top-1", "split-brain 95 % CI", "split-brain top-5", "random top-1", "random 95 % CI", "random top-5"));
        for (int l = 0; l < sb.layers().size(); l++) {
            Accuracy a = sb.accuracies().get(l), r = rnd.accuracies().get(l);
            t.row(sb.layers().get(l), a.top1(), ci(a), a.top5(), r.top1(), ci(r), r.top5());
        }
        report.table(t);
        Accuracy bestSb = sb.best(), bestRnd = rnd.best();
        boolean beats = bestSb.top1Interval()[0] > bestRnd.top1Interval()[1];
        report.paragraph(String.format(java.util.Locale.ROOT,
                "Best layer: split-brain **%s** %.1f %% (95 %% CI %s) vs random init **%s** %.1f %% (95 %% CI %s): %s.",
                sb.layers().get(sb.bestLayer()), 100 * bestSb.top1(), ci(bestSb), rnd.layers().get(rnd.bestLayer()), 100 * bestRnd.top1(), ci(bestRnd),
                beats ? "split-brain is better, with the intervals apart" : "the intervals overlap"));
        report.result("pretrain_seconds", pretrainSeconds).result("pretrain_step_losses", pre.loop().stepLosses())
                .result("splitbrain_best_layer", sb.layers().get(sb.bestLayer())).result("splitbrain_best_top1", bestSb.top1())
                .result("random_best_layer", rnd.layers().get(rnd.bestLayer())).result("random_best_top1", bestRnd.top1())
                .result("beats_random_outside_ci", beats).result("probes", probeJson(sb, rnd));

        plotLoss(report, pre.loop().stepLosses());
        plotProbes(report, sb, rnd);
        Tensor sample = Tensor.stack(firstImages(test, 8), 0);
        Tensor colour = new Colorizer(pre.net(), split).colorize(sample.to(pc.device())).cpu();
        report.image("colorization.png", "Colorization of test images by half A (rows: input L, prediction, ground truth)",
                Colorizer.grid(sample, colour));
        report.write();
        return new Result(sb, rnd, beats, t, cfg.out());
    }

    static String ci(Accuracy a) {
        double[] i = a.top1Interval();
        return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", i[0], i[1]);
    }

    static List<Tensor> firstImages(SyntheticColorDataset d, int n) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(d.get(i).image());
        return out;
    }

    static Map<String, Object> probeJson(ProbeTable... tables) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ProbeTable p : tables) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int l = 0; l < p.layers().size(); l++) {
                Accuracy a = p.accuracies().get(l);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", p.layers().get(l));
                r.put("top1", a.top1());
                r.put("top5", a.top5());
                r.put("top1_ci95", a.top1Interval());
                r.put("n", a.total());
                rows.add(r);
            }
            m.put(p.method(), rows);
        }
        return m;
    }

    static void plotLoss(Report report, List<Double> losses) throws IOException {
        double[] x = new double[losses.size()], y = new double[losses.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = losses.get(i);
        }
        Plots.line(report.file("pretrain_loss.png"), "Split-brain pretraining loss (CE(A) + CE(B))", "step", "loss",
                List.of(new Plots.Series("training loss", x, y)), false);
        report.figure("pretrain_loss.png", "Pretraining loss per step");
    }

    static void plotProbes(Report report, ProbeTable... tables) throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (ProbeTable p : tables) {
            double[] v = new double[p.layers().size()];
            for (int l = 0; l < v.length; l++) v[l] = p.accuracies().get(l).top1();
            series.put(p.method(), v);
        }
        Plots.bars(report.file("probe_accuracy.png"), "Linear-probe top-1 per layer", "top-1 accuracy", tables[0].layers(), series);
        report.figure("probe_accuracy.png", "Linear-probe test accuracy per layer");
    }

    /** Used by tests and the CLI: the architecture used by default. */
    public static Architecture defaultArchitecture() {
        return Architecture.SIMPLENET;
    }

    static ColorSpace defaultSpace() {
        return ColorSpace.LAB;
    }
}
