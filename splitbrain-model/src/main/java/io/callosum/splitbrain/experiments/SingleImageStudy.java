package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.augment.AugmentedDataset;
import io.callosum.splitbrain.augment.CriticalAugmentation;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The critical analysis's single-image study for split-brain: pretraining on 1, 10, 100, … images under
 * {@link CriticalAugmentation} (as many views per epoch as the full set has images, so every run takes the same
 * steps), on the full unlabelled set without it, and random initialisation, compared by per-layer linear probes.
 * The seed's finding to test: early layers learn as much from one image as from thousands, deep ones do not.
 */
public final class SingleImageStudy {
    private SingleImageStudy() {
    }

    /** 1, 10, 100, … below the full set's size. */
    public static List<Integer> imageCounts(int full) {
        List<Integer> counts = new ArrayList<>();
        for (long n = 1; n < full; n *= 10) counts.add((int) n);
        return counts;
    }

    /** Runs the single-image study and returns its table (also written under out). */
    public static Table run(ExperimentConfig cfg, Placement placement, Path out, Dataset unlabelled, Dataset train, Dataset test,
                            TrainListener listener) throws IOException {
        int channels = train.image(0).channels();
        if (channels != 3) throw new IllegalArgumentException("SingleImageStudy: needs RGB images, " + train.name() + " has " + channels + " channel(s)");
        int[] shape = unlabelled.image(0).shape();
        int batch = cfg.eval().probe().extractBatch();
        LinearProbe.Config probe = cfg.eval().probe().linear(cfg.seed(), train.size());
        List<ProbeTable> tables = new ArrayList<>();
        for (int n : imageCounts(unlabelled.size())) {
            Dataset views = new AugmentedDataset(unlabelled, n, unlabelled.size(), CriticalAugmentation.of(shape[1], shape[2]), cfg.seed());
            tables.add(probe(n + (n == 1 ? " image" : " images") + " + augmentation", cfg, placement, views, train, test, batch, probe, listener));
        }
        tables.add(probe("full set (" + unlabelled.size() + ")", cfg, placement, unlabelled, train, test, batch, probe, listener));
        ChannelSplit split = ChannelSplit.of(cfg.model().colorSpace(), cfg.targets().gamutAb());
        SplitBrainNet random = new SplitBrainNet(cfg.model().architecture(), split, new Generator(cfg.seed() + 99));
        random.to(placement.device());
        tables.add(ProbeTable.run(new SplitBrainFeatures("random init", random, split, placement.device()), train, test, batch,
                placement.workers(), probe, listener));

        Report report = new Report(out, "Split-brain features from a single image vs a full data set vs random init");
        report.experiment(cfg).config(cfg.describePretraining()).config("unlabelled", unlabelled.name()).config("train", train.name())
                .config("test", test.name()).config("augmentation", "crops with area fraction ≥ " + CriticalAugmentation.MIN_AREA
                        + " and aspect in [" + CriticalAugmentation.ASPECT + ", " + (1 / CriticalAugmentation.ASPECT) + "], rotation ±"
                        + CriticalAugmentation.MAX_DEGREES + "°, flips p = " + CriticalAugmentation.FLIP_P + ", colour jitter "
                        + CriticalAugmentation.COLOUR_STRENGTH).config("probe", probe.toString());
        ResultSections.addProbes(report, tables);
        report.paragraph(ResultSections.bestLines(tables).replace("\n", "  \n"));
        report.write();
        return ResultSections.probeTable(tables);
    }

    private static ProbeTable probe(String method, ExperimentConfig cfg, Placement placement, Dataset data, Dataset train, Dataset test,
                                    int batch, LinearProbe.Config probe, TrainListener listener) {
        Pretrainer pre = new Pretrainer(cfg, placement);
        pre.train(data, listener, null);
        return ProbeTable.run(new SplitBrainFeatures(method, pre.net(), pre.split(), placement.device()), train, test, batch,
                placement.workers(), probe, listener);
    }
}
