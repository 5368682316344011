package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.baselines.BaselineTraining;
import io.callosum.splitbrain.baselines.DenoisingAutoencoder;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The few-shot table the seed left empty, on grey images (Fashion-MNIST): random initialisation, rotation prediction
 * and a denoising autoencoder (salt-and-pepper 5 %, the seed's baseline) pretrained on the same unlabelled images with the same budget (the experiment's
 * pretraining budget), compared by {@link FewShotTable}.
 */
public final class FashionFewShot {
    private FashionFewShot() {
    }

    /** Runs the Fashion-MNIST few-shot experiment and returns its table (also written under out). */
    public static Table run(ExperimentConfig cfg, Placement placement, Path out, Dataset unlabelled, Dataset train, Dataset test,
                            TrainListener listener) throws IOException {
        int channels = train.image(0).channels();
        Architecture arch = cfg.model().architecture();
        List<FeatureSource> sources = List.of(
                BaselineTraining.randomInit(arch, channels, cfg.seed(), placement),
                BaselineTraining.rotation(arch, channels, unlabelled, cfg.pretrain(), cfg.seed(), placement, null, listener),
                BaselineTraining.denoising(channels, unlabelled, DenoisingAutoencoder.Noise.SALT_AND_PEPPER, cfg.pretrain(), cfg.seed(), placement, null, listener));
        Report report = new Report(out, "Few-shot classification on " + train.name());
        report.experiment(cfg).config(cfg.describePretraining()).config("unlabelled", unlabelled.name()).config("train pool", train.name()).config("test", test.name());
        Table t = FewShotTable.run(sources, train, test, cfg, placement, report, listener);
        report.write();
        return t;
    }
}
