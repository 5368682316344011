package io.callosum.tensor.cpu.elementwise;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.spi.UnaryOp;
import io.callosum.tensor.testing.Ref;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vector API elementwise bodies against the scalar loops, value for value (NaN matching NaN): every length
 * around the vector width (tails, rows shorter than a vector), unaligned offsets, the special values (NaN, ±0, ±∞),
 * and binary rows with one operand broadcast (inner stride 0) on either side. Then the NaN and signed-zero rules
 * spelled out, so both paths are pinned to them and not just to each other.
 */
class CpuElementwiseTest {

    /** Random values in [−3, 3) with NaN, ±0 and ±∞ sprinkled in. */
    static float[] withSpecials(long seed, int n) {
        float[] v = Ref.uniform(seed, n, -3, 3);
        float[] specials = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < n; i += 7) v[i] = specials[(i / 7) % specials.length];
        return v;
    }

    /** The same computation on the vector path and on the scalar path. */
    static float[][] bothPaths(Supplier<float[]> compute) {
        boolean prev = CpuSettings.setScalar(false);
        try {
            float[] vector = compute.get();
            CpuSettings.setScalar(true);
            float[] scalar = compute.get();
            return new float[][]{vector, scalar};
        } finally {
            CpuSettings.setScalar(prev);
        }
    }

    static void assertSameValues(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            boolean same = Float.isNaN(expected[i]) ? Float.isNaN(actual[i])
                    : Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]);
            if (!same) throw new AssertionError(what + ": element " + i + ": scalar " + expected[i] + ", vector " + actual[i]);
        }
    }

    static final int[] LENGTHS = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 47, 64, 100, 257};

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = "NON_FINITE", mode = EnumSource.Mode.EXCLUDE)
    void unaryVectorMatchesScalarAroundTheVectorWidth(UnaryOp op) {
        float alpha = op == UnaryOp.POW ? 2f : op == UnaryOp.CLAMP ? -1f : 0.25f, beta = 0.5f;
        for (int n : LENGTHS) {
            for (int offset : new int[]{0, 3}) {
                float[] a = withSpecials(n * 31L + offset, n + offset);
                float[][] r = bothPaths(() -> {
                    float[] o = new float[n + 5];
                    CpuElementwise.apply(op, a, offset, o, 2, n, alpha, beta);
                    return o;
                });
                assertSameValues(op + " n=" + n + " offset=" + offset, r[1], r[0]);
            }
        }
    }

    @Test
    void clampWithOneOpenBoundAndPowOtherThanSquare() {
        for (float[] bounds : new float[][]{{Float.NaN, 0.5f}, {-1f, Float.NaN}, {1f, -1f}}) {
            float[] a = withSpecials(5, 70);
            float[][] r = bothPaths(() -> {
                float[] o = new float[70];
                CpuElementwise.apply(UnaryOp.CLAMP, a, 0, o, 0, 70, bounds[0], bounds[1]);
                return o;
            });
            assertSameValues("clamp " + Arrays.toString(bounds), r[1], r[0]);
        }
        float[] a = Ref.uniform(6, 70, 0.1, 3);
        float[][] r = bothPaths(() -> {
            float[] o = new float[70];
            CpuElementwise.apply(UnaryOp.POW, a, 0, o, 0, 70, 2.5f, 0);
            return o;
        });
        assertSameValues("pow 2.5", r[1], r[0]);
    }

    /** name and op; the operands cover every sign and special so max/min/div/relu-grad meet NaN on both sides. */
    record Binary(String name, BinaryOperator<Tensor> op) {
    }

    static final Binary[] BINARIES = {
            new Binary("add", Tensor::add), new Binary("sub", Tensor::sub), new Binary("mul", Tensor::mul),
            new Binary("div", Tensor::div), new Binary("maximum", Tensor::maximum), new Binary("minimum", Tensor::minimum),
            new Binary("pow", Tensor::pow), new Binary("reluBackward", io.callosum.tensor.ops.Elementwise::reluBackward)};

    @Test
    void binaryVectorMatchesScalarForSameShapeAndBroadcastRows() {
        // [rows, n] with the other operand [rows, n], [rows, 1] (inner stride 0), [1, n], or both broadcast.
        for (Binary b : BINARIES) {
            for (int n : LENGTHS) {
                if (n == 0) continue;
                int rows = 3;
                float[] full = withSpecials(n, rows * n), other = withSpecials(n + 1000, rows * n);
                float[] column = withSpecials(n + 2000, rows), row = withSpecials(n + 3000, n);
                Tensor x = Tensor.of(full, rows, n);
                Tensor[][] pairs = {
                        {x, Tensor.of(other, rows, n)},
                        {x, Tensor.of(column, rows, 1)},
                        {Tensor.of(column, rows, 1), x},
                        {x, Tensor.of(row, 1, n)},
                        {Tensor.of(column, rows, 1).expand(rows, n), Tensor.of(withSpecials(n + 4000, rows), rows, 1).expand(rows, n)},
                        // an offset view: the rows start mid-array
                        {x.narrow(1, n > 2 ? 1 : 0, n > 2 ? n - 2 : n), Tensor.of(other, rows, n).narrow(1, 0, n > 2 ? n - 2 : n)}};
                for (int p = 0; p < pairs.length; p++) {
                    Tensor l = pairs[p][0], r = pairs[p][1];
                    float[][] got = bothPaths(() -> b.op.apply(l, r).toFloatArray());
                    assertSameValues(b.name + " n=" + n + " pair " + p, got[1], got[0]);
                }
            }
        }
    }

    @Test
    void nanAndSignedZeroRulesOnBothPaths() {
        float nan = Float.NaN;
        // long enough that the first 16 go through vectors on a 512-bit machine, the rest through the tail
        float[] a = new float[40], b = new float[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i % 4 == 0 ? nan : (i % 4 == 1 ? -0f : (i % 4 == 2 ? -2f : 3f));
            b[i] = i % 3 == 0 ? nan : (i % 3 == 1 ? 0f : 1f);
        }
        Tensor ta = Tensor.of(a, 40), tb = Tensor.of(b, 40);
        for (boolean scalar : new boolean[]{false, true}) {
            boolean prev = CpuSettings.setScalar(scalar);
            try {
                float[] relu = ta.relu().toFloatArray();
                float[] max = ta.maximum(tb).toFloatArray(), min = ta.minimum(tb).toFloatArray();
                float[] grad = io.callosum.tensor.ops.Elementwise.reluBackward(tb, ta).toFloatArray();
                for (int i = 0; i < 40; i++) {
                    String at = (scalar ? "scalar" : "vector") + " element " + i + " (" + a[i] + ", " + b[i] + ")";
                    if (Float.isNaN(a[i])) assertTrue(Float.isNaN(relu[i]), "relu keeps NaN: " + at);
                    else assertEquals(Float.floatToIntBits(Math.max(a[i], 0f)), Float.floatToIntBits(relu[i]), "relu gives +0 for −0 and negatives: " + at);
                    if (Float.isNaN(a[i]) || Float.isNaN(b[i])) {
                        assertTrue(Float.isNaN(max[i]) && Float.isNaN(min[i]), "maximum/minimum propagate NaN: " + at);
                    } else {
                        assertEquals(Math.max(a[i], b[i]), max[i], at);
                        assertEquals(Math.min(a[i], b[i]), min[i], at);
                    }
                    float expectGrad = a[i] > 0 ? b[i] : 0f; // NaN in the ReLU output closes the gate
                    if (Float.isNaN(expectGrad)) assertTrue(Float.isNaN(grad[i]), "relu grad passes NaN gradients: " + at);
                    else assertEquals(expectGrad, grad[i], at);
                }
            } finally {
                CpuSettings.setScalar(prev);
            }
        }
    }

    @Test
    void inPlaceUpdatesReadAndWriteTheSameArray() {
        float[] p = Ref.uniform(9, 1000, -1, 1), g = Ref.uniform(10, 1000, -1, 1);
        float[][] got = bothPaths(() -> {
            Tensor t = Tensor.of(p.clone(), 10, 100);
            t.mulInPlace(0.9).addInPlace(Tensor.of(g, 10, 100), -0.01);
            return t.toFloatArray();
        });
        assertArrayEquals(got[1], got[0]);
        double[] expected = new double[1000];
        for (int i = 0; i < 1000; i++) expected[i] = (float) (p[i] * 0.9f) + (float) (g[i] * -0.01f);
        Ref.assertClose("p·0.9 − 0.01·g", expected, got[0], 1e-6, 1e-6);
    }
}
