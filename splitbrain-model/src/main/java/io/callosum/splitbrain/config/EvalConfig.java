package io.callosum.splitbrain.config;

/** How pretrained features are judged: linear probes, fine-tuning and few-shot probes. */
public record EvalConfig(ProbeConfig probe, Budget finetune, FewShotConfig fewShot) {
    /** Checks that every part is present. */
    public EvalConfig {
        Checks.present("EvalConfig", "probe", probe);
        Checks.present("EvalConfig", "finetune", finetune);
        Checks.present("EvalConfig", "fewShot", fewShot);
    }

    /** This configuration with another linear probe. */
    public EvalConfig withProbe(ProbeConfig p) { return new EvalConfig(p, finetune, fewShot); }
    /** This configuration with another fine-tuning budget. */
    public EvalConfig withFinetune(Budget b) { return new EvalConfig(probe, b, fewShot); }
    /** This configuration with another few-shot protocol. */
    public EvalConfig withFewShot(FewShotConfig f) { return new EvalConfig(probe, finetune, f); }
}
