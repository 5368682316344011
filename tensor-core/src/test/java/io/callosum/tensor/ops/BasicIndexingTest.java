package io.callosum.tensor.ops;

import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Index;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** x.index(...) against element formulas written out per case (NumPy's basic indexing), views, gradients and parse errors. */
class BasicIndexingTest {
    /** x[i][j][k] = 100·i + 10·j + k, shape [2, 5, 4]. */
    static float[] coded() {
        float[] v = new float[40];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 4; k++) v[(i * 5 + j) * 4 + k] = 100 * i + 10 * j + k;
        return v;
    }

    static void assertCoded(Tensor t, int[] shape, java.util.function.IntFunction<Float> expected) {
        assertArrayEquals(shape, t.shape());
        float[] got = t.contiguous().toFloatArray();
        for (int n = 0; n < got.length; n++) assertEquals(expected.apply(n), got[n], "element " + n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void stringAndBuilderFormsSelectTheSameElementsAsNumpy(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(coded(), 2, 5, 4);
            // x[:, 1:3] -> [2, 2, 4]
            for (Tensor t : new Tensor[]{x.index(":, 1:3"), x.index(Index.all(), Index.range(1, 3))}) {
                assertCoded(t, new int[]{2, 2, 4}, n -> (float) (100 * (n / 8) + 10 * (1 + n / 4 % 2) + n % 4));
                assertSame(TensorInternals.storage(x), TensorInternals.storage(t), "basic indexing is a view");
            }
            // x[1, ::2, -1] -> [3]: j = 0, 2, 4
            for (Tensor t : new Tensor[]{x.index("1, ::2, -1"), x.index(Index.at(1), Index.every(2), Index.at(-1))}) {
                assertCoded(t, new int[]{3}, n -> (float) (100 + 10 * 2 * n + 3));
            }
            // x[..., -3:] -> [2, 5, 3]: k = 1, 2, 3
            for (Tensor t : new Tensor[]{x.index("..., -3:"), x.index(Index.ellipsis(), Index.from(-3))}) {
                assertCoded(t, new int[]{2, 5, 3}, n -> (float) (100 * (n / 15) + 10 * (n / 3 % 5) + 1 + n % 3));
            }
            // x[None, 0, ..., None] -> [1, 5, 4, 1]
            for (Tensor t : new Tensor[]{x.index("None, 0, ..., None"), x.index(Index.newAxis(), Index.at(0), Index.ellipsis(), Index.newAxis())}) {
                assertCoded(t, new int[]{1, 5, 4, 1}, n -> (float) (10 * (n / 4) + n % 4));
            }
            // x[0, 1:100:3, :-2] -> clamped like Python: j = 1, 4; k = 0, 1
            assertCoded(x.index("0, 1:100:3, :-2"), new int[]{2, 2}, n -> (float) (10 * (1 + 3 * (n / 2)) + n % 2));
            // empty range, as in Python
            assertArrayEquals(new int[]{2, 0, 4}, x.index(":, 4:2").shape());
            // a 0-d result
            assertEquals(123f, x.index("1, 2, 3").item());
            // writing through the view writes the base
            x.index(":, 0, 0").fill(-1);
            assertEquals(-1f, x.get(1, 0, 0));
            assertEquals(1f, x.get(0, 0, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gradientsFlowThroughIndexViews(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(7, 40, -1, 1), 2, 5, 4).requiresGrad(true);
            GradCheck.assertGradients("index", xs -> xs[0].index("None, -1, 1:5:2, ...").square(), x);
        }
    }

    @Test
    void parseErrorsNameTheComponent() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage("component 1 ('a')", () -> x.index("0, a"));
        assertMessage("component 0 ('1:2:3:4') has more than two", () -> x.index("1:2:3:4"));
        assertMessage("component 1 ('') is empty", () -> x.index("0,,1"));
        assertMessage("steps must be >= 1", () -> x.index("::-1"));
        assertMessage("empty index string", () -> x.index(" "));
        assertMessage("at most one '...'", () -> x.index("..., ..."));
        assertMessage("3 indexed dimensions for tensor [2, 3]", () -> x.index("0, 0, 0"));
        assertMessage("component 1 (3) is out of range for dimension 1 of size 3", () -> x.index("0, 3"));
        assertMessage("component 0 (-3) is out of range for dimension 0 of size 2", () -> x.index(Index.at(-3)));
        assertMessage("step must be >= 1", () -> Index.range(0, 2, 0));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' should contain '" + part + "'");
    }
}
