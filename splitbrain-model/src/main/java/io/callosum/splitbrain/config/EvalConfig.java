package io.callosum.splitbrain.config;

/** How pretrained features are judged: linear probes, fine-tuning and few-shot probes. */
public record EvalConfig(ProbeConfig probe, Budget finetune, FewShotConfig fewShot) {
    public EvalConfig {
        Checks.present("EvalConfig", "probe", probe);
        Checks.present("EvalConfig", "finetune", finetune);
        Checks.present("EvalConfig", "fewShot", fewShot);
    }

    public EvalConfig withProbe(ProbeConfig p) { return new EvalConfig(p, finetune, fewShot); }
    public EvalConfig withFinetune(Budget b) { return new EvalConfig(probe, b, fewShot); }
    public EvalConfig withFewShot(FewShotConfig f) { return new EvalConfig(probe, finetune, f); }
}
