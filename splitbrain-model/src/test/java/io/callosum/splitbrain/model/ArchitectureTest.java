package io.callosum.splitbrain.model;

import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ArchitectureTest {
    static SplitBrainNet net(Architecture a) {
        return new SplitBrainNet(a, ChannelSplit.of(ColorSpace.LAB, false), new Generator(1));
    }

    /** Figures from shared/bench/torch_ref.py: SplitBrain(simple_half / resnet18_half, q=100), counted by PyTorch. */
    @Test
    void parameterCountsMatchTorchRef() {
        SplitBrainNet simple = net(Architecture.SIMPLENET);
        assertEquals(333_764, simple.halfA().parameterCount());
        assertEquals(334_052, simple.halfB().parameterCount());
        assertEquals(667_816, simple.parameterCount());
        assertEquals(52, simple.stateDict().size());
        SplitBrainNet resnet = net(Architecture.RESNET18);
        assertEquals(2_821_444, resnet.halfA().parameterCount());
        assertEquals(2_823_012, resnet.halfB().parameterCount());
        assertEquals(5_644_456, resnet.parameterCount());
        assertEquals(244, resnet.stateDict().size());
    }

    @Test
    void everyArchitectureMaps96To12x12LogitsAndProbeFeatures() {
        for (Architecture a : Architecture.values()) {
            SplitBrainNet n = net(a);
            n.eval();
            try (Grad.Guard g = Grad.disabled()) {
                Tensor la = Tensor.zeros(2, 1, 96, 96), lb = Tensor.zeros(2, 2, 96, 96);
                SplitBrainNet.Logits logits = n.predict(la, lb);
                assertArrayEquals(new int[]{2, 100, 12, 12}, logits.a().shape(), a.label());
                assertArrayEquals(new int[]{2, 100, 12, 12}, logits.b().shape(), a.label());
                List<Tensor> f = n.features(la, lb);
                assertEquals(n.probeNames().size(), f.size(), a.label());
                for (int i = 0; i < f.size(); i++) assertEquals((int) n.probeChannels().get(i), f.get(i).size(1), a.label() + " " + n.probeNames().get(i));
            }
        }
    }

    @Test
    void seededConstructionIsDeterministic() {
        SplitBrainNet x = net(Architecture.SIMPLENET), y = net(Architecture.SIMPLENET);
        x.stateDict().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), y.stateDict().get(k).toFloatArray(), k));
    }

    @Test
    void badInputsAndNames() {
        SplitBrainNet n = net(Architecture.RESNET18);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> n.predict(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 2, 4, 4)));
        assertTrue(small.getMessage().contains("resnet18: input [1, 1, 4, 4] is smaller than the 8×8"), small.getMessage());
        IllegalArgumentException arch = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("vgg"));
        assertTrue(arch.getMessage().contains("unknown architecture 'vgg'") && arch.getMessage().contains("simplenet"), arch.getMessage());
        IllegalArgumentException cs = assertThrows(IllegalArgumentException.class, () -> ColorSpace.parse("hsv"));
        assertTrue(cs.getMessage().toLowerCase().contains("hsv"), cs.getMessage());
        assertEquals(Architecture.FC_ALEXNET, Architecture.parse("fc-alexnet"));
    }
}
