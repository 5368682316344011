package io.callosum.splitbrain.config;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Each record refuses values out of range with a message naming the record, the field and the value. */
class ConfigValidationTest {
    private static void fails(String expected, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void budget() {
        fails("Budget: optimizer is missing", () -> new Budget(null, 1e-3, 1, 0, 8, 1, 0));
        fails("unknown optimizer 'rmsprop': expected one of adam, adamw, sgd", () -> OptimizerKind.parse("rmsprop"));
        fails("Budget: lr must be positive and finite, got NaN", () -> new Budget(OptimizerKind.ADAM, Double.NaN, 1, 0, 8, 1, 0));
        fails("Budget: decayPerEpoch must be positive", () -> new Budget(OptimizerKind.ADAM, 1e-3, 0, 0, 8, 1, 0));
        fails("Budget: weightDecay must be >= 0", () -> new Budget(OptimizerKind.ADAM, 1e-3, 1, -1, 8, 1, 0));
        fails("Budget: batchSize must be at least 1, got 0", () -> new Budget(OptimizerKind.ADAM, 1e-3, 1, 0, 0, 1, 0));
        fails("Budget: epochs must be at least 1, got 0", () -> new Budget(OptimizerKind.ADAM, 1e-3, 1, 0, 8, 0, 0));
        fails("Budget: stepsPerEpoch must be at least 0, got -1", () -> new Budget(OptimizerKind.ADAM, 1e-3, 1, 0, 8, 1, -1));
        assertEquals(OptimizerKind.SGD, new Budget(OptimizerKind.parse("SGD"), 1e-3, 1, 0, 8, 1, 0).optimizer());
        assertEquals(1e-3 * 0.25, new Budget(OptimizerKind.ADAM, 1e-3, 0.5, 0, 8, 3, 0).lrAt(2), 1e-15);
        assertEquals(new Budget(OptimizerKind.ADAM, 1e-3, 1.0, 0, 64, 1, 0), Budget.builder().build(), "the builder's documented defaults");
        Budget b = Budget.builder().optimizer(OptimizerKind.SGD).lr(0.1).decayPerEpoch(0.5).weightDecay(1e-4).batchSize(8).epochs(3)
                .stepsPerEpoch(7).build();
        assertEquals(new Budget(OptimizerKind.SGD, 0.1, 0.5, 1e-4, 8, 3, 7), b);
        assertEquals(new Budget(OptimizerKind.SGD, 0.1, 0.5, 1e-4, 8, 9, 7), b.withEpochs(9));
        fails("Budget: batchSize must be at least 1, got 0", () -> b.toBuilder().batchSize(0).build());
    }

    @Test
    void evaluationAndData() {
        fails("ProbeConfig: extractBatch must be at least 1, got 0", () -> new ProbeConfig(1, 1, 1e-3, 0, 0));
        fails("FewShotConfig: shots must name at least one k", () -> new FewShotConfig(List.of(), 1));
        fails("FewShotConfig: shots must all be at least 1, got [1, 0]", () -> new FewShotConfig(List.of(1, 0), 1));
        fails("FewShotConfig: seeds must be at least 1, got 0", () -> new FewShotConfig(List.of(1), 0));
        fails("DataConfig: test must be at least 0, got -1", () -> new DataConfig(0, 0, -1));
        fails("Placement: workers must be at least 0, got -1", () -> new Placement(io.callosum.tensor.Device.CPU, -1));
        fails("ModelConfig: architecture is missing", () -> new ModelConfig(null, ColorSpace.LAB));
    }

    @Test
    void gamutTargetsNeedALabSpace() {
        ExperimentConfig c = Preset.PAPER.config();
        fails("in-gamut ab targets need a Lab colour space, not rgb",
                () -> c.withTargets(new TargetConfig(true, false)).withModel(new ModelConfig(Architecture.SIMPLENET, ColorSpace.RGB)));
        assertTrue(c.withModel(new ModelConfig(Architecture.SIMPLENET, ColorSpace.RESCALED_LAB)).withTargets(new TargetConfig(true, false))
                .targets().gamutAb());
    }

    @Test
    void presetsAreFoundByTheirLabels() {
        for (Preset p : Preset.values()) assertSame(p, Preset.parse(p.label()));
        fails("unknown preset 'huge': expected one of [paper, demo, quick, tiny, small, full]", () -> Preset.parse("huge"));
        assertEquals(new Budget(OptimizerKind.ADAM, 1e-4, 0.1, 0, 64, 1, 0), Preset.PAPER.config().pretrain());
    }
}
