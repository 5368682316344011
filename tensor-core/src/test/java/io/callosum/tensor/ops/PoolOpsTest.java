package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Pool2dGeometry;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Max / average / adaptive pooling and nearest / bilinear upsampling against PyTorch's definitions, with gradchecks. */
class PoolOpsTest {

    /**
     * One configuration: the op, its reference taps, input and expected output shape. {@code max} cases draw distinct
     * values at least 0.05 apart (no ties, and gradcheck steps cannot change an argmax), all negative (so treating
     * padding as 0 instead of −∞ would show); {@code secondOrder} also runs the (costlier) second-order check.
     */
    record Case(String name, UnaryOperator<Tensor> op, PoolReference.Ref ref, int[] in, int[] out, boolean max, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static int[] i2(int a, int b) {
        return new int[]{a, b};
    }

    static Case maxCase(String name, int[] in, int[] k, int[] s, int[] p, int[] d, boolean ceil, boolean second) {
        int[] out = {in[0], in[1], PoolReference.poolOut(in[2], k[0], s[0], p[0], d[0], ceil), PoolReference.poolOut(in[3], k[1], s[1], p[1], d[1], ceil)};
        return new Case("maxPool2d " + name, x -> Functional.maxPool2d(x, k, s, p, d, ceil), PoolReference.maxPool(k, s, p, d, ceil), in, out, true, second);
    }

    static Case avgCase(String name, int[] in, int[] k, int[] s, int[] p, boolean ceil, boolean includePad, boolean second) {
        int[] out = {in[0], in[1], PoolReference.poolOut(in[2], k[0], s[0], p[0], 1, ceil), PoolReference.poolOut(in[3], k[1], s[1], p[1], 1, ceil)};
        return new Case("avgPool2d " + name + (includePad ? ", padding counted" : ", padding not counted"),
                x -> Functional.avgPool2d(x, k, s, p, ceil, includePad), PoolReference.avgPool(k, s, p, ceil, includePad), in, out, false, second);
    }

    static Case adaptiveCase(int[] in, int oh, int ow, boolean second) {
        return new Case("adaptiveAvgPool2d " + in[2] + "×" + in[3] + " → " + oh + "×" + ow, x -> Functional.adaptiveAvgPool2d(x, oh, ow),
                PoolReference.adaptiveAvgPool(oh, ow), in, new int[]{in[0], in[1], oh, ow}, false, second);
    }

    static Case nearestCase(int[] in, int oh, int ow, boolean second) {
        return new Case("upsampleNearest " + in[2] + "×" + in[3] + " → " + oh + "×" + ow, x -> Functional.upsampleNearest(x, oh, ow),
                PoolReference.nearest(oh, ow), in, new int[]{in[0], in[1], oh, ow}, false, second);
    }

    static Case bilinearCase(int[] in, int oh, int ow, boolean align, boolean second) {
        return new Case("upsampleBilinear " + in[2] + "×" + in[3] + " → " + oh + "×" + ow + (align ? " alignCorners" : ""),
                x -> Functional.upsampleBilinear(x, oh, ow, align), PoolReference.bilinear(oh, ow, align), in,
                new int[]{in[0], in[1], oh, ow}, false, second);
    }

    static Stream<Case> poolCases() {
        int[] one = i2(1, 1);
        Stream<Case> max = Stream.of(
                maxCase("3×3 stride 2 pad 1", new int[]{2, 3, 7, 6}, i2(3, 3), i2(2, 2), one, one, false, true),
                maxCase("2×2 stride 1", new int[]{1, 2, 5, 6}, i2(2, 2), one, i2(0, 0), one, false, false),
                maxCase("3×2 stride (2, 1) pad (1, 0)", new int[]{2, 2, 7, 5}, i2(3, 2), i2(2, 1), i2(1, 0), one, false, false),
                maxCase("3×3 dilation 2 pad 1", new int[]{1, 3, 8, 7}, i2(3, 3), one, one, i2(2, 2), false, false),
                maxCase("ceil mode 3×3 stride 2 pad 1", new int[]{2, 2, 8, 8}, i2(3, 3), i2(2, 2), one, one, true, false),
                maxCase("ceil mode 2×2 stride 2, odd size", new int[]{1, 2, 7, 5}, i2(2, 2), i2(2, 2), i2(0, 0), one, true, false),
                maxCase("ceil mode drops a window starting in the right padding", new int[]{1, 1, 5, 5}, i2(2, 2), i2(2, 2), one, one, true, false));
        Stream<Case> avg = Stream.of(true, false).flatMap(inc -> Stream.of(
                avgCase("3×3 stride 2 pad 1", new int[]{2, 2, 9, 8}, i2(3, 3), i2(2, 2), one, false, inc, inc),
                avgCase("2×2 stride 2, odd width", new int[]{1, 3, 6, 7}, i2(2, 2), i2(2, 2), i2(0, 0), false, inc, false),
                avgCase("3×2 stride (1, 2) pad 1", new int[]{1, 2, 5, 6}, i2(3, 2), i2(1, 2), one, false, inc, false),
                avgCase("ceil mode 3×3 stride 2 pad 1", new int[]{1, 2, 8, 8}, i2(3, 3), i2(2, 2), one, true, inc, false),
                avgCase("ceil mode 2×2 stride 2", new int[]{1, 1, 5, 7}, i2(2, 2), i2(2, 2), i2(0, 0), true, inc, false),
                avgCase("ceil mode 3×3 stride 3 pad 1", new int[]{1, 1, 7, 8}, i2(3, 3), i2(3, 3), one, true, inc, false)));
        Stream<Case> adaptive = Stream.of(
                adaptiveCase(new int[]{2, 2, 7, 7}, 3, 3, true),
                adaptiveCase(new int[]{1, 2, 2, 2}, 5, 5, false),
                adaptiveCase(new int[]{1, 3, 5, 7}, 3, 2, false),
                adaptiveCase(new int[]{2, 3, 6, 6}, 1, 1, false),
                adaptiveCase(new int[]{1, 1, 4, 6}, 4, 3, false));
        Stream<Case> nearest = Stream.of(
                nearestCase(new int[]{1, 2, 3, 4}, 7, 9, true),
                nearestCase(new int[]{2, 1, 4, 4}, 8, 8, false),
                nearestCase(new int[]{1, 2, 5, 6}, 3, 4, false),
                nearestCase(new int[]{1, 1, 1, 1}, 3, 2, false),
                nearestCase(new int[]{1, 1, 6, 3}, 74, 10, false)); // 6 → 74: float scale picks other rows than exact division
        Stream<Case> bilinear = Stream.of(true, false).flatMap(align -> Stream.of(
                bilinearCase(new int[]{1, 2, 3, 4}, 7, 9, align, true),
                bilinearCase(new int[]{2, 1, 4, 4}, 8, 8, align, false),
                bilinearCase(new int[]{1, 2, 5, 6}, 3, 4, align, false),
                bilinearCase(new int[]{1, 1, 1, 3}, 4, 5, align, false),
                bilinearCase(new int[]{1, 2, 4, 4}, 1, 1, align, false),
                bilinearCase(new int[]{1, 1, 3, 3}, 3, 3, align, false)));
        return Stream.of(max, avg, adaptive, nearest, bilinear).flatMap(s -> s);
    }

    static Stream<Object[]> cases() {
        return DeviceCase.all().flatMap(dc -> poolCases().map(c -> new Object[]{dc, c}));
    }

    /** n distinct values −0.05·(1 … n), shuffled. */
    static float[] distinctNegative(long seed, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = -0.05f * (i + 1);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void matchesReferenceForwardBackwardAndGradcheck(DeviceCase dc, Case c) throws Exception {
        try (var on = dc.activate()) {
            long seed = c.name.hashCode();
            int n = Ref.numel(c.in);
            float[] x = c.max ? distinctNegative(seed, n) : Ref.uniform(seed, n, -1, 1);
            Tensor xt = dc.tensor(x, c.in).requiresGrad(true);
            Tensor y = c.op.apply(xt);
            assertArrayEquals(c.out, y.shape(), c.name + " output shape");
            Ref.assertClose(c.name, PoolReference.forward(c.ref, x, c.in, c.out), y.toFloatArray(), 1e-5, 1e-5);

            float[] gy = Ref.uniform(seed + 1, Ref.numel(c.out), -1, 1);
            y.backward(dc.tensor(gy, c.out));
            Ref.assertClose(c.name + " gradient", PoolReference.backward(c.ref, x, c.in, gy), xt.grad().toFloatArray(), 1e-5, 1e-5);

            GradCheck.assertGradients(c.name, xs -> c.op.apply(xs[0]), dc.tensor(x, c.in));
            if (c.secondOrder) {
                // squared, so the first-order gradient runs the backward on data that depends on x
                var r = GradCheck.checkSecondOrder(xs -> c.op.apply(xs[0]).square(), dc.tensor(x, c.in));
                assertTrue(r.passed(), c.name + " second order: " + r);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void maxPoolOnAStridedViewEqualsOnItsCopy(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(3, 2 * 3 * 5 * 6, -1, 1), 2, 3, 5, 6).transpose(2, 3);
            assertArrayEquals(Functional.maxPool2d(x.contiguous(), 2).toFloatArray(), Functional.maxPool2d(x, 2).toFloatArray());
            assertArrayEquals(Functional.avgPool2d(x.contiguous(), 3, 1, 1).toFloatArray(), Functional.avgPool2d(x, 3, 1, 1).toFloatArray());
        }
    }

    /** Runs the max-pool kernel directly and returns {values as float bits, indices}. */
    private static Object[] maxKernel(DeviceCase dc, float[] x, int[] in, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        Tensor xt = dc.tensor(x, in);
        Pool2dGeometry g = Pool2dGeometry.of("maxPool2d", in, k, s, p, d, ceil, false);
        Tensor out = Tensor.empty(xt.device(), DType.FLOAT32, g.outputShape());
        Tensor idx = Tensor.empty(xt.device(), DType.INT32, g.outputShape());
        xt.backend().maxPool2dForward(xt, out, idx, g);
        return new Object[]{out.toFloatArray(), idx.toIntArray()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void maxPoolIndicesAndNonFiniteValuesFollowPyTorch(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] one = i2(1, 1), zero = i2(0, 0);
            // indices are h·W + w within the plane, matching the reference argmax
            int[] in = {2, 2, 7, 6};
            float[] x = distinctNegative(17, Ref.numel(in));
            Object[] r = maxKernel(dc, x, in, i2(3, 3), i2(2, 2), one, one, true);
            int[] plane = {7 * 6};
            int[] expected = new int[((int[]) r[1]).length];
            PoolReference.maxPool(i2(3, 3), i2(2, 2), one, one, true).taps(x, in, (o, i, w) -> expected[o] = i % plane[0]);
            Ref.assertEquals("maxPool2d indices", expected, (int[]) r[1]);

            float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
            // NaN propagates and a later NaN takes the index; all −∞ keeps the window's first element
            r = maxKernel(dc, new float[]{nan, 1, nan, 2, -inf, -inf, -inf, -inf, 3, inf, 5, 6}, new int[]{1, 1, 3, 4}, i2(1, 4), one, zero, one, false);
            assertTrue(Float.isNaN(((float[]) r[0])[0]), "a NaN in the window gives NaN");
            assertEquals(Float.NEGATIVE_INFINITY, ((float[]) r[0])[1]);
            assertEquals(inf, ((float[]) r[0])[2]);
            assertArrayEquals(new int[]{2, 4, 9}, (int[]) r[1]);

            // a dilated window wholly inside the padding: −∞ and index −1, and no gradient flows from it
            r = maxKernel(dc, new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[]{1, 1, 3, 3}, i2(2, 2), one, one, i2(4, 4), false);
            assertEquals(Float.NEGATIVE_INFINITY, ((float[]) r[0])[0]);
            assertEquals(-1, ((int[]) r[1])[0]);
            Tensor xt = dc.tensor(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3).requiresGrad(true);
            Functional.maxPool2d(xt, i2(2, 2), one, one, i2(4, 4), false).sum().backward();
            assertArrayEquals(new float[9], xt.grad().toFloatArray());
        }
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void badArgumentsNameTheOpAndShapes(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(new float[2 * 3 * 3], 2, 1, 3, 3);
            assertMessage(() -> Functional.maxPool2d(x, 4), "maxPool2d: input [2, 1, 3, 3] is too small for kernel [4, 4]");
            assertMessage(() -> Functional.avgPool2d(x, 2, 2, 2), "avgPool2d", "padding [2, 2] must be at most half the kernel [2, 2]");
            assertMessage(() -> Functional.maxPool2d(x, 2, 0, 0), "maxPool2d", "stride [0, 0]");
            assertMessage(() -> Functional.maxPool2d(dc.tensor(new float[9], 1, 3, 3), 2), "maxPool2d", "4-D", "[1, 3, 3]");
            assertMessage(() -> Functional.avgPool2d(x.to(DType.INT32), 2), "avgPool2d", "float32", "int32");
            assertMessage(() -> Functional.adaptiveAvgPool2d(x, 0, 2), "adaptiveAvgPool2d: output size must be >= 1, got 0×2");
            assertMessage(() -> Functional.upsampleNearest(x, 4, 0), "upsampleNearest: output size must be >= 1, got 4×0");
            assertMessage(() -> Functional.upsampleBilinear(x, -1, 3, false), "upsampleBilinear: output size must be >= 1, got -1×3");
        }
    }
}
