package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Generators;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.parallel.Isolated;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Layer builders set what they name and refuse bad values naming the layer; a layer built without a generator draws
 * from the default one, so the same {@link Generators#manualSeed} gives the same weights.
 */
@Isolated("sets the process-wide default seed")
class LayerBuildersTest {
    @AfterEach
    void restoreDefaultSeed() {
        Generators.manualSeed(Generators.DEFAULT_SEED);
    }

    private static void fails(String expected, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static float[] weights(Module m) {
        return m.parameter("weight").toFloatArray();
    }

    @Test
    void buildersSetWhatTheyName() {
        Conv2d c = Conv2d.builder(4, 8, 3).kernel(3, 5).stride(2, 1).padding(1, 2).dilation(2).groups(2).bias(false).build();
        assertArrayEquals(new int[]{8, 2, 3, 5}, c.parameter("weight").shape());
        assertNull(c.optionalParameter("bias"));
        assertEquals("Conv2d(4, 8, kernel=[3, 5], stride=[2, 1], padding=[1, 2], dilation=[2, 2], groups=2, bias=false)", c.toString());
        assertArrayEquals(new int[]{1, 8, 5, 6}, c.forward(Tensor.zeros(1, 4, 11, 10)).shape());

        ConvTranspose2d t = ConvTranspose2d.builder(4, 2, 3).stride(2).padding(1).outputPadding(1).build();
        assertArrayEquals(new int[]{1, 2, 10, 12}, t.forward(Tensor.zeros(1, 4, 5, 6)).shape());

        assertNull(Linear.builder(3, 2).bias(false).build().optionalParameter("bias"));
        assertNotNull(new Linear(3, 2).optionalParameter("bias"));

        BatchNorm2d bn = BatchNorm2d.builder(3).eps(1e-3).momentum(0.5).affine(false).trackRunningStats(false).build();
        assertTrue(bn.parameters().isEmpty());
        assertEquals("BatchNorm2d(3, eps=0.001, momentum=0.5)", bn.toString());
    }

    @Test
    void explicitGeneratorGivesTheSameWeightsAsTheSameSeed() {
        assertArrayEquals(weights(Conv2d.builder(2, 3, 3).generator(new Generator(9)).build()),
                weights(Conv2d.builder(2, 3, 3).generator(new Generator(9)).build()));
        assertArrayEquals(weights(new Linear(5, 4, new Generator(9))), weights(Linear.builder(5, 4).generator(new Generator(9)).build()));
    }

    @Test
    void defaultGeneratorIsReproducibleFromItsSeed() {
        Supplier<Module> model = () -> new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new BasicBlock(4, 8, 2),
                new Flatten(), new Linear(8, 2), new Dropout(0.5));
        Generators.manualSeed(123);
        assertEquals(123, Generators.initialSeed());
        Module a = model.get();
        Module b = model.get();
        Generators.manualSeed(123);
        Module c = model.get();
        Generators.manualSeed(124);
        Module d = model.get();
        a.train();
        c.train();
        assertEquals(a.stateDict().keySet(), c.stateDict().keySet());
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), c.stateDict().get(k).toFloatArray(), k + " after the same seed"));
        assertFalse(java.util.Arrays.equals(weights(a.child("0")), weights(b.child("0"))), "a second model draws on from the generator");
        assertFalse(java.util.Arrays.equals(weights(a.child("0")), weights(d.child("0"))), "another seed, other weights");
        Tensor x = Tensor.randn(new Generator(1), 2, 1, 4, 4);
        assertArrayEquals(a.forward(x).toFloatArray(), c.forward(x).toFloatArray(), "dropout masks follow the seed too");
    }

    @Test
    void badSettingsFailNamingTheLayer() {
        fails("Conv2d: channels must be >= 1, got in=0, out=3", () -> Conv2d.builder(0, 3, 3));
        fails("Conv2d: kernel must be >= 1, got [0, 0]", () -> Conv2d.builder(1, 3, 0));
        fails("Conv2d: stride must be >= 1, got [0, 1]", () -> Conv2d.builder(1, 3, 3).stride(0, 1));
        fails("Conv2d: padding must be >= 0, got [-1, -1]", () -> Conv2d.builder(1, 3, 3).padding(-1));
        fails("Conv2d: groups=2 must be >= 1 and divide in=3 and out=4", () -> Conv2d.builder(3, 4, 3).groups(2));
        fails("Conv2d: generator is null", () -> Conv2d.builder(3, 4, 3).generator(null));
        fails("ConvTranspose2d: outputPadding [2, 2] must be smaller than the stride [2, 2]",
                () -> ConvTranspose2d.builder(3, 4, 3).stride(2).outputPadding(2).build());
        fails("Linear: features must be >= 1, got in=3, out=0", () -> Linear.builder(3, 0));
        fails("BatchNorm2d: eps must be > 0 and finite, got 0.0", () -> BatchNorm2d.builder(3).eps(0));
        fails("BatchNorm2d: momentum must be in [0, 1], got 1.5", () -> BatchNorm2d.builder(3).momentum(1.5));
        fails("BatchNorm2d: channels must be >= 1, got 0", () -> new BatchNorm2d(0));
        fails("Dropout: generator is null", () -> new Dropout(0.5, null));
    }
}
