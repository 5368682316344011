package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.baselines.BaselineTraining;
import io.callosum.splitbrain.baselines.DenoisingAutoencoder;
import io.callosum.splitbrain.baselines.InputNormalizer;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed's Table 2 with the split-brain row it left empty, on colour images: split-brain pretraining (the
 * experiment's architecture and colour space), random initialisation, rotation prediction and a denoising autoencoder
 * (salt-and-pepper 5 %), all on the same unlabelled images with the same pretraining budget, every baseline seeing the
 * split's colour space; compared by {@link FewShotTable} (the layer column names each method's best full-probe layer).
 */
public final class ColourFewShot {
    private ColourFewShot() {
    }

    /** Runs the colour few-shot experiment and returns its table (also written under out). */
    public static Table run(ExperimentConfig cfg, Placement placement, Path out, Dataset unlabelled, Dataset train, Dataset test,
                            TrainListener listener) throws IOException {
        int channels = train.image(0).channels();
        if (channels != 3) throw new IllegalArgumentException("ColourFewShot: needs RGB images, " + train.name() + " has " + channels + " channel(s)");
        Architecture arch = cfg.model().architecture();
        Pretrainer pre = new Pretrainer(cfg, placement);
        pre.train(unlabelled, listener, null);
        String splitBrain = "split-brain (" + arch.label() + ", " + cfg.model().colorSpace().label() + ")";
        InputNormalizer norm = new InputNormalizer(pre.split());
        List<FeatureSource> sources = List.of(
                new SplitBrainFeatures(splitBrain, pre.net(), pre.split(), placement.device()),
                BaselineTraining.randomInit(arch, channels, cfg.seed(), placement, norm),
                BaselineTraining.rotation(arch, channels, unlabelled, cfg.pretrain(), cfg.seed(), placement, norm, listener),
                BaselineTraining.denoising(channels, unlabelled, DenoisingAutoencoder.Noise.SALT_AND_PEPPER, cfg.pretrain(), cfg.seed(),
                        placement, norm, listener));
        Report report = new Report(out, "Few-shot classification on " + train.name() + ": split-brain against its baselines");
        report.experiment(cfg).config(cfg.describePretraining()).config("unlabelled", unlabelled.name()).config("train pool", train.name())
                .config("test", test.name());
        Table t = FewShotTable.run(sources, train, test, cfg, placement, report, listener);
        report.write();
        return t;
    }
}
