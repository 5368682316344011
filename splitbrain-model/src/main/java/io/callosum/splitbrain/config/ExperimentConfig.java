package io.callosum.splitbrain.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides an experiment's numbers: the network, its targets, the pretraining budget, the evaluation,
 * the image counts and the seed. Serialised by {@link ExperimentJson} into checkpoints and results.json; named
 * starting points are the {@link Preset}s.
 */
public record ExperimentConfig(ModelConfig model, TargetConfig targets, Budget pretrain, EvalConfig eval, DataConfig data,
                               long seed) {
    /** The version of the serialised form {@link ExperimentJson} writes; 0 was the display labels of old checkpoints. */
    public static final int FORMAT_VERSION = 1;

    /** Checks that every part is present. */
    public ExperimentConfig {
        Checks.present("ExperimentConfig", "model", model);
        Checks.present("ExperimentConfig", "targets", targets);
        Checks.present("ExperimentConfig", "pretrain", pretrain);
        Checks.present("ExperimentConfig", "eval", eval);
        Checks.present("ExperimentConfig", "data", data);
        if (targets.gamutAb() && !model.colorSpace().isLab()) {
            throw new IllegalArgumentException("ExperimentConfig: in-gamut ab targets need a Lab colour space, not " + model.colorSpace().label());
        }
    }

    /** This configuration with another model. */
    public ExperimentConfig withModel(ModelConfig m) { return new ExperimentConfig(m, targets, pretrain, eval, data, seed); }
    /** This configuration with other targets. */
    public ExperimentConfig withTargets(TargetConfig t) { return new ExperimentConfig(model, t, pretrain, eval, data, seed); }
    /** This configuration with another pretraining budget. */
    public ExperimentConfig withPretrain(Budget b) { return new ExperimentConfig(model, targets, b, eval, data, seed); }
    /** This configuration with another evaluation. */
    public ExperimentConfig withEval(EvalConfig e) { return new ExperimentConfig(model, targets, pretrain, e, data, seed); }
    /** This configuration with other data sizes. */
    public ExperimentConfig withData(DataConfig d) { return new ExperimentConfig(model, targets, pretrain, eval, d, seed); }
    /** This configuration with another seed. */
    public ExperimentConfig withSeed(long s) { return new ExperimentConfig(model, targets, pretrain, eval, data, s); }

    /** The pretraining settings as labelled rows for a human-readable report; never parsed back. */
    public Map<String, Object> describePretraining() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", model.architecture().label());
        m.put("colour space", model.colorSpace().label());
        m.putAll(describeTraining());
        return m;
    }

    /** As {@link #describePretraining()} without the network, for reports over several architectures and spaces. */
    public Map<String, Object> describeTraining() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ab quantization", targets.gamutAb() ? "in-gamut cells" : "10×10 grid");
        m.put("class rebalancing", targets.rebalance());
        m.put("pretraining", pretrain.describe());
        m.put("seed", seed);
        return m;
    }
}
