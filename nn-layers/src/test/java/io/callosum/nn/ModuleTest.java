package io.callosum.nn;

import io.callosum.nn.layers.AdaptiveAvgPool2d;
import io.callosum.nn.layers.BasicBlock;
import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.Flatten;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.layers.MaxPool2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.nn.optim.SGD;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModuleTest {
    /** torchvision's resnet18(): the module tree and naming must reproduce its exact parameter count and key set. */
    static Sequential resnet18(Generator g) {
        Sequential layers = new Sequential(Conv2d.builder(3, 64, 7).stride(2).padding(3).bias(false).generator(g).build(), new BatchNorm2d(64), new ReLU(), new MaxPool2d(3, 2, 1));
        int c = 64;
        for (int w : new int[]{64, 128, 256, 512}) {
            layers.add(new Sequential(new BasicBlock(c, w, w == 64 ? 1 : 2, g), new BasicBlock(w, w, 1, g)));
            c = w;
        }
        return layers.add(new AdaptiveAvgPool2d(1)).add(new Flatten()).add(new Linear(512, 1000, g));
    }

    @Test
    void resnet18ParameterCountMatchesTorchvision() {
        Sequential net = resnet18(new Generator(1));
        assertEquals(11_689_512L, net.parameterCount()); // sum(p.numel() for p in torchvision.models.resnet18().parameters())
        Map<String, Tensor> sd = net.stateDict();
        // 62 parameters + 3 buffers per BatchNorm (20 of them) = 122 entries, as len(resnet18().state_dict())
        assertEquals(122, sd.size());
        assertTrue(sd.containsKey("5.0.downsample.0.weight"));
        assertTrue(sd.containsKey("5.0.downsample.1.running_var"));
        assertTrue(sd.containsKey("4.1.bn2.num_batches_tracked"));
        assertFalse(sd.containsKey("4.0.downsample.0.weight"), "stride 1, same width: no downsample");
        assertArrayEquals(new int[]{1000, 512}, sd.get("10.weight").shape());
    }

    @Test
    void namingOrderAndCounts() {
        Generator g = new Generator(2);
        Sequential net = new Sequential(Conv2d.builder(3, 8, 3).padding(1).generator(g).build(), new BatchNorm2d(8), new ReLU(), new Flatten(), new Linear(8 * 4 * 4, 10, g));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(8 * 3 * 9 + 8 + 8 + 8 + 128 * 10 + 10, net.parameterCount());
        assertTrue(net.toString().contains("(0): Conv2d(3, 8"), net.toString());
        assertTrue(net.namedModules().containsKey("4"));
    }

    @Test
    void trainEvalPropagatesToEveryDescendant() {
        Sequential net = new Sequential(new Sequential(new BatchNorm2d(2)), new ReLU());
        net.eval();
        for (Module m : net.namedModules().values()) assertFalse(m.isTraining());
        net.train();
        for (Module m : net.namedModules().values()) assertTrue(m.isTraining());
    }

    @Test
    void loadStateDictRoundTripAndStrictness() {
        Sequential a = new Sequential(new Linear(4, 3, new Generator(3)), new BatchNorm2d(3));
        Sequential b = new Sequential(new Linear(4, 3, new Generator(4)), new BatchNorm2d(3));
        assertFalse(java.util.Arrays.equals(a.stateDict().get("0.weight").toFloatArray(), b.stateDict().get("0.weight").toFloatArray()));
        b.loadStateDict(a.stateDict());
        a.stateDict().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.stateDict().get(k).toFloatArray(), k));

        Map<String, Tensor> partial = new HashMap<>(a.stateDict());
        partial.remove("0.bias");
        partial.put("extra.weight", Tensor.zeros(2));
        StateDictException e = assertThrows(StateDictException.class, () -> b.loadStateDict(partial, true));
        assertEquals(List.of("0.bias"), e.missing());
        assertEquals(List.of("extra.weight"), e.unexpected());
        assertTrue(e.getMessage().contains("missing keys [0.bias]") && e.getMessage().contains("unexpected keys [extra.weight]"), e.getMessage());
        b.loadStateDict(partial, false); // non-strict ignores both
    }

    @Test
    void failedLoadLeavesModuleUntouched() {
        Sequential target = new Sequential(new Linear(4, 3, new Generator(5)), new Linear(3, 2, new Generator(6)));
        float[] before0 = target.stateDict().get("0.weight").toFloatArray();
        Map<String, Tensor> bad = new java.util.LinkedHashMap<>();
        bad.put("0.weight", Tensor.ones(3, 4));       // fits, listed first: must not be written
        bad.put("0.bias", Tensor.ones(3));
        bad.put("1.weight", Tensor.ones(2, 4));       // wrong shape
        bad.put("1.bias", Tensor.ones(2));
        StateDictException e = assertThrows(StateDictException.class, () -> target.loadStateDict(bad, false));
        assertTrue(e.getMessage().contains("1.weight: checkpoint [2, 4] vs model [2, 3]"), e.getMessage());
        assertArrayEquals(before0, target.stateDict().get("0.weight").toFloatArray());
    }

    @Test
    void toSameDeviceKeepsTensorsAndRegistrationErrors() {
        Linear l = new Linear(2, 2, new Generator(7));
        Tensor w = l.parameter("weight");
        l.to(Device.CPU);
        assertSame(w, l.parameter("weight"));
        assertTrue(w.requiresGrad() && w.isLeaf());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.parameter("nope"));
        assertTrue(e.getMessage().contains("no parameter 'nope'"), e.getMessage());
        IllegalArgumentException dotted = assertThrows(IllegalArgumentException.class, () -> new Module() {
            { registerParameter("a.b", Tensor.zeros(1)); }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        });
        assertTrue(dotted.getMessage().contains("invalid member name 'a.b'"), dotted.getMessage());
    }

    @Test
    void toAnotherDeviceKeepsParameterObjectsAndFrozenFlags() {
        Device rec = new Device("rec", 0); // the test backend from tensor-core's test jar
        Sequential m = new Sequential(new Linear(3, 2, new Generator(7)), new CountingIdentity());
        Tensor w = m.parameters().get(0), b = m.parameters().get(1);
        float[] before = w.toFloatArray();
        b.requiresGrad(false); // frozen
        SGD opt = new SGD(List.of(w), 0.1);
        m.forward(Tensor.ones(4, 3)).sum().backward();
        assertNotNull(w.grad());

        m.to(rec);
        assertSame(w, m.parameters().get(0), "the same parameter object");
        assertSame(b, m.parameters().get(1));
        assertEquals(rec, w.device());
        assertEquals(rec, m.namedBuffers().get("1.count").device());
        assertArrayEquals(before, w.toFloatArray(), "values move with it");
        assertTrue(w.requiresGrad() && w.isLeaf());
        assertFalse(b.requiresGrad(), "a frozen parameter stays frozen");
        assertNull(w.grad(), "the gradient, on the old device, is dropped");

        Tensor x = Tensor.ones(4, 3).to(rec);
        m.forward(x).sum().backward();
        opt.step(); // the optimizer built before the move updates the moved parameter
        assertEquals(rec, w.grad().device());
        assertNull(b.grad(), "no gradient for the frozen bias");
        assertNotEquals(before[0], w.toFloatArray()[0]);
    }

    @Test
    void closingAModuleAndAnOptimizerFreesTheirTensors() {
        Linear l = new Linear(3, 2, new Generator(7));
        io.callosum.nn.optim.Adam adam = new io.callosum.nn.optim.Adam(l.parameters(), 0.1);
        l.forward(Tensor.ones(2, 3)).sum().backward();
        adam.step();
        List<Tensor> state = List.copyOf(adam.stateDict().values());
        assertFalse(state.isEmpty());
        adam.close();
        for (Tensor t : state) assertTrue(t.isClosed(), "optimizer state freed");
        assertTrue(adam.stateDict().isEmpty());
        l.close();
        for (Tensor t : l.parameters()) assertTrue(t.isClosed(), "parameters freed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.forward(Tensor.ones(1, 3)));
        assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }

    /** A stateless layer with a buffer (an INT32 counter), to see buffers move too. */
    static final class CountingIdentity extends Module {
        CountingIdentity() {
            registerBuffer("count", Tensor.zeros(io.callosum.tensor.DType.INT32, 1));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }
}
