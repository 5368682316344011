package io.callosum.splitbrain.experiments;

import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.ColorizationScore;
import io.callosum.splitbrain.eval.Colorizer;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.report.ColorizationSection;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: split-brain pretraining on the synthetic colour set, then per-layer linear probes of the pretrained
 * network against the same architecture at random initialisation, a colorization grid scored by ab-error AuC against
 * grey and prior baselines, and a report.
 */
public final class SyntheticDemo {
    /** What the demo found. */
    public record Result(ProbeTable splitBrain, ProbeTable random, boolean beatsRandom, Table table,
                         ColorizationScore.Comparison colorization, Path report) {
    }

    /** At most this many test images are scored for colorization (and training images averaged for its prior). */
    public static final int SCORED_IMAGES = 256;

    private SyntheticDemo() {
    }

    /** Runs the demo with the image counts, pretraining and probes of cfg (see {@link Preset#DEMO}); the report goes to out. */
    public static Result run(ExperimentConfig cfg, Placement placement, Path out, TrainListener listener) throws IOException {
        long seed = cfg.seed();
        DataConfig sizes = cfg.data();
        if (sizes.unlabelled() < 1 || sizes.train() < 1 || sizes.test() < 1) {
            throw new IllegalArgumentException("SyntheticDemo: generated sets need image counts of at least 1, got " + sizes);
        }
        if (!cfg.model().colorSpace().isLab()) {
            throw new IllegalArgumentException("SyntheticDemo: the colorization needs a Lab split (lab or rescaled-lab), not " + cfg.model().colorSpace().label());
        }
        SyntheticColorDataset unlabelled = SyntheticColorDataset.standard(sizes.unlabelled(), seed * 31 + 1, false);
        SyntheticColorDataset train = SyntheticColorDataset.standard(sizes.train(), seed * 31 + 2, true);
        SyntheticColorDataset test = SyntheticColorDataset.standard(sizes.test(), seed * 31 + 3, true);

        long t0 = System.nanoTime();
        Pretrainer pre = new Pretrainer(cfg, placement);
        pre.train(unlabelled, listener, null);
        double pretrainSeconds = (System.nanoTime() - t0) / 1e9;

        ChannelSplit split = pre.split();
        SplitBrainNet random = new SplitBrainNet(cfg.model().architecture(), split, new Generator(seed + 99));
        random.to(placement.device());
        int batch = cfg.eval().probe().extractBatch();
        LinearProbe.Config probe = cfg.eval().probe().linear(seed, sizes.train());
        ProbeTable sb = ProbeTable.run(new SplitBrainFeatures("split-brain", pre.net(), split, placement.device()), train, test, batch, placement.workers(), probe, listener);
        ProbeTable rnd = ProbeTable.run(new SplitBrainFeatures("random init", random, split, placement.device()), train, test, batch, placement.workers(), probe, listener);
        List<ProbeTable> both = List.of(sb, rnd);

        Report report = new Report(out, "Split-brain autoencoder vs random initialisation on the synthetic colour set");
        report.experiment(cfg).config(cfg.describePretraining()).config("unlabelled images", sizes.unlabelled()).config("labelled train", sizes.train()).config("test", sizes.test())
                .config("classes", train.numClasses()).config("probe", probe.toString());
        ResultSections.addProbes(report, both);
        Accuracy bestSb = sb.best(), bestRnd = rnd.best();
        boolean beats = bestSb.top1Interval()[0] > bestRnd.top1Interval()[1];
        report.paragraph(String.format(java.util.Locale.ROOT,
                "Best layer: split-brain **%s** %.1f %% (95 %% CI %s) vs random init **%s** %.1f %% (95 %% CI %s): %s.",
                sb.layers().get(sb.bestLayer()), 100 * bestSb.top1(), ResultSections.interval(bestSb), rnd.layers().get(rnd.bestLayer()),
                100 * bestRnd.top1(), ResultSections.interval(bestRnd),
                beats ? "split-brain is better, with the intervals apart" : "the intervals overlap"));
        report.result("pretrain_seconds", pretrainSeconds).result("pretrain_step_losses", pre.loop().stepLosses())
                .result("splitbrain_best_layer", sb.layers().get(sb.bestLayer())).result("splitbrain_best_top1", bestSb.top1())
                .result("random_best_layer", rnd.layers().get(rnd.bestLayer())).result("random_best_top1", bestRnd.top1())
                .result("beats_random_outside_ci", beats);

        ResultSections.addLossCurve(report, "pretrain_loss.png", "Split-brain pretraining loss (CE(A) + CE(B))", pre.loop().stepLosses());
        Colorizer colorizer = new Colorizer(pre.net(), split);
        Tensor sample = Tensor.stack(firstImages(test, 8), 0);
        Tensor colour = colorizer.colorize(sample.to(placement.device())).cpu();
        report.image("colorization.png", "Colorization of test images by half A (rows: input L, prediction, ground truth)",
                Colorizer.grid(sample, colour));
        ColorizationScore.Comparison auc = ColorizationScore.compare(colorizer, test, unlabelled, SCORED_IMAGES, placement.device());
        ColorizationSection.add(report, auc, ColorizationScore.describe(test, unlabelled, SCORED_IMAGES));
        report.write();
        return new Result(sb, rnd, beats, ResultSections.probeTable(both), auc, out);
    }

    static List<Tensor> firstImages(SyntheticColorDataset d, int n) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(d.get(i).image());
        return out;
    }
}
