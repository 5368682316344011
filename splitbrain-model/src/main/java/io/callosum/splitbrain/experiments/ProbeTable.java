package io.callosum.splitbrain.experiments;

import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.FeatureSet;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.train.TrainListener;

import java.util.ArrayList;
import java.util.List;

/** Per-layer linear-probe accuracies of one backbone, and its best layer. */
public record ProbeTable(String method, List<String> layers, List<Accuracy> accuracies) {

    /** Extracts source's features of train and test and probes every layer. */
    public static ProbeTable run(FeatureSource source, Dataset train, Dataset test, int batch, int workers,
                                 LinearProbe.Config cfg, TrainListener listener) {
        FeatureSet tr = FeatureSet.extract(source, train, batch, workers);
        FeatureSet te = FeatureSet.extract(source, test, batch, workers);
        return run(source.name(), tr, te, train.numClasses(), cfg, listener);
    }

    /** Probes every layer of features already extracted. */
    public static ProbeTable run(String method, FeatureSet tr, FeatureSet te, int classes, LinearProbe.Config cfg, TrainListener listener) {
        List<Accuracy> acc = new ArrayList<>();
        for (int l = 0; l < tr.layers().size(); l++) {
            long t0 = System.nanoTime();
            acc.add(LinearProbe.fitAndEvaluate(tr, te, l, classes, cfg));
            listener.onEpoch("probe " + method + " " + tr.layers().get(l), l, 1 - acc.get(l).top1(), (System.nanoTime() - t0) / 1e9, 0);
        }
        return new ProbeTable(method, tr.layers(), acc);
    }

    /** The layer whose probe scored the best top-1 accuracy. */
    public int bestLayer() {
        int best = 0;
        for (int i = 1; i < accuracies.size(); i++) if (accuracies.get(i).top1() > accuracies.get(best).top1()) best = i;
        return best;
    }

    /** The best layer's accuracy. */
    public Accuracy best() {
        return accuracies.get(bestLayer());
    }
}
