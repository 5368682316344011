package io.callosum.splitbrain.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The serialised form reads back exactly, carries its format version, and refuses anything it cannot read exactly. */
class ExperimentJsonTest {
    /** A configuration whose every field differs from every preset's. */
    static ExperimentConfig everyFieldSet() {
        return new ExperimentConfig(new ModelConfig(Architecture.RESNET18, ColorSpace.RESCALED_LAB), new TargetConfig(true, true),
                new Budget(OptimizerKind.SGD, 0.0123, 0.77, 3.5e-4, 24, 7, 11),
                new EvalConfig(new ProbeConfig(9, 33, 2.5e-3, 4e-4, 17), new Budget(OptimizerKind.ADAM, 7e-4, 0.9, 2e-5, 12, 3, 5),
                        new FewShotConfig(List.of(3, 5, 9), 4)),
                new DataConfig(321, 123, 45), -987654321987L);
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetRoundTrips(Preset preset) {
        ExperimentConfig c = preset.config();
        assertEquals(c, ExperimentJson.fromJson(ExperimentJson.toJson(c)));
    }

    @Test
    void everyFieldRoundTripsAndIsNamedInTheJson() throws Exception {
        ExperimentConfig c = everyFieldSet();
        String json = ExperimentJson.toJson(c);
        assertEquals(c, ExperimentJson.fromJson(json));
        for (Preset p : Preset.values()) assertNotEquals(p.config(), c);
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
        assertEquals("formatVersion", tree.fieldNames().next(), json);
        assertEquals(ExperimentConfig.FORMAT_VERSION, tree.get("formatVersion").intValue());
        assertEquals("RESNET18", tree.at("/model/architecture").textValue());
        assertEquals("RESCALED_LAB", tree.at("/model/colorSpace").textValue());
        assertEquals(0.0123, tree.at("/pretrain/lr").doubleValue());
        assertEquals("sgd", tree.at("/pretrain/optimizer").textValue(), "the optimizer is stored by its id, as when it was a string");
        assertEquals(17, tree.at("/eval/probe/extractBatch").intValue());
        assertEquals(-987654321987L, tree.at("/seed").longValue());
        assertEquals(List.of(3, 5, 9), new ObjectMapper().convertValue(tree.at("/eval/fewShot/shots"), List.class));
    }

    @Test
    void anotherFormatVersionIsRefusedNamingIt() {
        ObjectNode tree = ExperimentJson.toTree(everyFieldSet());
        tree.put("formatVersion", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(tree));
        assertTrue(e.getMessage().contains("format version 2") && e.getMessage().contains("reads format version 1"), e.getMessage());
        tree.remove("formatVersion");
        e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(tree));
        assertTrue(e.getMessage().contains("no integer formatVersion"), e.getMessage());
    }

    @Test
    void unknownMissingOrInvalidFieldsFail() {
        ObjectNode typo = ExperimentJson.toTree(everyFieldSet());
        ((ObjectNode) typo.get("pretrain")).put("learningRate", 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(typo));
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());

        ObjectNode missing = ExperimentJson.toTree(everyFieldSet());
        ((ObjectNode) missing.get("pretrain")).remove("epochs");
        e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(missing));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());

        ObjectNode invalid = ExperimentJson.toTree(everyFieldSet());
        ((ObjectNode) invalid.get("pretrain")).put("lr", -1.0);
        e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(invalid));
        assertTrue(e.getMessage().contains("Budget: lr must be positive"), e.getMessage());

        ObjectNode unknownOptimizer = ExperimentJson.toTree(everyFieldSet());
        ((ObjectNode) unknownOptimizer.get("pretrain")).put("optimizer", "rmsprop");
        e = assertThrows(IllegalArgumentException.class, () -> ExperimentJson.fromTree(unknownOptimizer));
        assertTrue(e.getMessage().contains("unknown optimizer 'rmsprop'"), e.getMessage());
    }
}
