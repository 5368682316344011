package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.ops.ConvReference.Spec;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** conv2d and convTranspose2d against double-precision references written from their definitions, with gradchecks. */
class ConvOpsTest {

    record ConvCase(String name, int[] x, int[] w, Spec spec, boolean bias) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ConvCase> convCases() {
        return Stream.of(
                new ConvCase("batch 1, Cin 1, pad 1, bias", new int[]{1, 1, 7, 6}, new int[]{3, 1, 3, 3}, Spec.of(1, 1, 1, 1), true),
                new ConvCase("stride 2, pad 1", new int[]{2, 3, 9, 8}, new int[]{4, 3, 3, 3}, Spec.of(2, 1, 1, 1), false),
                new ConvCase("dilation 2, uneven pad, non-square kernel", new int[]{2, 2, 10, 9}, new int[]{3, 2, 3, 2},
                        new Spec(new int[]{1, 1}, new int[]{2, 1}, new int[]{2, 2}, 1), true),
                new ConvCase("groups 2", new int[]{3, 4, 6, 7}, new int[]{6, 2, 3, 3}, Spec.of(1, 1, 1, 2), true),
                new ConvCase("depthwise, stride (2, 1)", new int[]{2, 5, 8, 8}, new int[]{5, 1, 3, 3},
                        new Spec(new int[]{2, 1}, new int[]{1, 1}, new int[]{1, 1}, 5), false),
                new ConvCase("depthwise, channel multiplier 2", new int[]{2, 3, 6, 5}, new int[]{6, 1, 3, 3}, Spec.of(1, 1, 1, 3), true),
                new ConvCase("non-square 2×4 kernel, stride (1, 2)", new int[]{2, 3, 7, 9}, new int[]{2, 3, 2, 4},
                        new Spec(new int[]{1, 2}, new int[]{0, 1}, new int[]{1, 1}, 1), false),
                new ConvCase("1×1", new int[]{2, 6, 5, 4}, new int[]{3, 6, 1, 1}, Spec.of(1, 0, 1, 1), true),
                new ConvCase("1×1 groups 3", new int[]{2, 6, 3, 4}, new int[]{9, 2, 1, 1}, Spec.of(1, 0, 1, 3), false),
                new ConvCase("1×1 stride 2", new int[]{2, 4, 7, 5}, new int[]{3, 4, 1, 1}, Spec.of(2, 0, 1, 1), false),
                new ConvCase("1×1 pad 1", new int[]{1, 2, 3, 3}, new int[]{2, 2, 1, 1}, Spec.of(1, 1, 1, 1), true),
                // At least 16 channels per group: the CPU's weight gradient reads the pixel-major image in place.
                new ConvCase("1×1, 32 → 40 channels, bias", new int[]{3, 32, 7, 6}, new int[]{40, 32, 1, 1}, Spec.of(1, 0, 1, 1), true),
                new ConvCase("1×1 groups 2, 32 → 48 channels", new int[]{2, 32, 5, 6}, new int[]{48, 16, 1, 1}, Spec.of(1, 0, 1, 2), false),
                new ConvCase("kernel as large as the input", new int[]{2, 2, 4, 4}, new int[]{3, 2, 4, 4}, Spec.of(1, 0, 1, 1), true),
                new ConvCase("stride 3, dilation 3, pad 2", new int[]{3, 2, 11, 10}, new int[]{2, 2, 2, 3}, Spec.of(3, 2, 3, 1), false),
                new ConvCase("batch 5, 16 → 24 channels", new int[]{5, 16, 12, 11}, new int[]{24, 16, 3, 3}, Spec.of(1, 1, 1, 1), true),
                // Large enough for the packed GEMM path in all three passes; stride 1, so the input gradient runs
                // as the flipped-kernel convolution (with dilation and groups), and padded beyond the kernel, where
                // it cannot and takes col2im.
                new ConvCase("groups 2, dilation 2, 32 → 48 channels", new int[]{3, 32, 13, 14}, new int[]{48, 16, 3, 3},
                        new Spec(new int[]{1, 1}, new int[]{2, 1}, new int[]{2, 2}, 2), true),
                new ConvCase("pad 3 beyond a 3×3 kernel", new int[]{2, 20, 9, 10}, new int[]{36, 20, 3, 3}, Spec.of(1, 3, 1, 1), false),
                // Enough channels for the CPU's Winograd path (all three passes), on a size that leaves partial tiles.
                new ConvCase("3×3, 96 → 104 channels, bias", new int[]{2, 96, 10, 9}, new int[]{104, 96, 3, 3}, Spec.of(1, 1, 1, 1), true));
    }

    static Stream<Object[]> convs() {
        return DeviceCase.all().flatMap(dc -> convCases().map(c -> new Object[]{dc, c}));
    }

    /** A contiguous tensor that does not start at its storage's beginning: values preceded by one dim-0 slice of junk. */
    static Tensor offsetTensor(DeviceCase dc, float[] values, int[] shape) {
        int slice = values.length / shape[0];
        float[] big = new float[values.length + slice];
        java.util.Arrays.fill(big, 0, slice, 1e6f);
        System.arraycopy(values, 0, big, slice, values.length);
        int[] bigShape = shape.clone();
        bigShape[0]++;
        return dc.tensor(big, bigShape).narrow(0, 1, shape[0]);
    }

    /**
     * 1e-4, or 3e-5 of the largest reference value where that is more: fast convolution algorithms (Winograd's,
     * cuDNN's) round in proportion to the largest outputs, not to each one — the CPU's F(6×6, 3×3) reaches 1.1e-5 of
     * the largest output on the 96 → 104 case (WinogradTest bounds it more tightly on its own cases), direct summation
     * ≈ 4e-7, and a wrong tap or channel errs by a whole term.
     */
    static double atol(double[] reference) {
        double max = 0;
        for (double v : reference) max = Math.max(max, Math.abs(v));
        return Math.max(1e-4, 3e-5 * max);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("convs")
    void conv2dMatchesReferenceForwardAndBackward(DeviceCase dc, ConvCase c) throws Exception {
        try (var on = dc.activate()) {
            long seed = c.name.hashCode();
            float[] x = Ref.uniform(seed, Ref.numel(c.x), -1, 1);
            float[] w = Ref.uniform(seed + 1, Ref.numel(c.w), -1, 1);
            float[] b = c.bias ? Ref.uniform(seed + 2, c.w[0], -1, 1) : null;
            // inputs at a non-zero storage offset: kernels must honour tensor.offset()
            Tensor xt = offsetTensor(dc, x, c.x).requiresGrad(true);
            Tensor wt = offsetTensor(dc, w, c.w).requiresGrad(true);
            Tensor bt = b == null ? null : dc.tensor(b, b.length).requiresGrad(true);
            Tensor y = Functional.conv2d(xt, wt, bt, c.spec.stride(), c.spec.pad(), c.spec.dil(), c.spec.groups());

            int[] ys = ConvReference.conv2dShape(c.x, c.w, c.spec);
            assertArrayEquals(ys, y.shape(), "conv2d output shape");
            double[] yRef = ConvReference.conv2d(x, c.x, w, c.w, b, c.spec);
            Ref.assertClose("conv2d " + c.name, yRef, y.toFloatArray(), atol(yRef), 1e-4);
            assertEquals(List.of("conv2d"), Autograd.describeGraph(y), "the bias is added inside the convolution op");
            if (bt != null) {
                float[] separate = Functional.conv2d(xt.detach(), wt.detach(), null, c.spec.stride(), c.spec.pad(),
                        c.spec.dil(), c.spec.groups()).add(bt.detach().reshape(1, c.w[0], 1, 1)).toFloatArray();
                assertArrayEquals(separate, y.toFloatArray(), "the fused bias rounds exactly as a separate add");
            }

            float[] gy = Ref.uniform(seed + 3, Ref.numel(ys), -1, 1);
            y.backward(dc.tensor(gy, ys));
            double[] gxRef = ConvReference.conv2dInputGrad(gy, c.x, w, c.w, c.spec);
            Ref.assertClose("conv2d input gradient " + c.name, gxRef, xt.grad().toFloatArray(), atol(gxRef), 1e-4);
            double[] gwRef = ConvReference.conv2dWeightGrad(gy, x, c.x, c.w, c.spec);
            Ref.assertClose("conv2d weight gradient " + c.name, gwRef, wt.grad().toFloatArray(), atol(gwRef), 1e-4);
            if (bt != null) {
                double[] gb = new double[c.w[0]];
                int plane = ys[2] * ys[3];
                for (int i = 0; i < gy.length; i++) gb[(i / plane) % ys[1]] += gy[i];
                Ref.assertClose("conv2d bias gradient " + c.name, gb, bt.grad().toFloatArray(), 1e-4, 1e-4);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void conv2dOfStridedInputEqualsConv2dOfItsCopy(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(5, 2 * 3 * 6 * 5, -1, 1), 2, 3, 5, 6).transpose(2, 3);
            Tensor w = dc.tensor(Ref.uniform(6, 4 * 3 * 9, -1, 1), 4, 3, 3, 3);
            float[] viaView = Functional.conv2d(x, w, null, 1, 1).toFloatArray();
            float[] viaCopy = Functional.conv2d(x.contiguous(), w, null, 1, 1).toFloatArray();
            assertArrayEquals(viaCopy, viaView);
        }
    }

    record TransposeCase(String name, int[] x, int[] w, Spec spec, int[] outPad, boolean bias) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<TransposeCase> transposeCases() {
        return Stream.of(
                new TransposeCase("stride 2, pad 1, output padding 1, bias", new int[]{2, 3, 4, 5}, new int[]{3, 2, 3, 3},
                        Spec.of(2, 1, 1, 1), new int[]{1, 1}, true),
                new TransposeCase("groups 2, stride (2, 3), output padding (1, 2)", new int[]{1, 4, 3, 4}, new int[]{4, 3, 3, 2},
                        new Spec(new int[]{2, 3}, new int[]{1, 0}, new int[]{1, 1}, 2), new int[]{1, 2}, false),
                new TransposeCase("output padding ≥ stride, allowed below the dilation", new int[]{1, 2, 4, 4}, new int[]{2, 3, 3, 3},
                        Spec.of(1, 0, 2, 1), new int[]{1, 1}, true),
                new TransposeCase("depthwise stride 2", new int[]{2, 3, 5, 5}, new int[]{3, 1, 2, 2}, Spec.of(2, 0, 1, 3), new int[]{0, 0}, false),
                new TransposeCase("1×1", new int[]{2, 4, 3, 3}, new int[]{4, 5, 1, 1}, Spec.of(1, 0, 1, 1), new int[]{0, 0}, true),
                new TransposeCase("batch 1, Cin 1, stride 2, dilation 2", new int[]{1, 1, 3, 4}, new int[]{1, 2, 3, 2},
                        Spec.of(2, 1, 2, 1), new int[]{0, 1}, false));
    }

    static Stream<Object[]> transposes() {
        return DeviceCase.all().flatMap(dc -> transposeCases().map(c -> new Object[]{dc, c}));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("transposes")
    void convTranspose2dMatchesScatterDefinition(DeviceCase dc, TransposeCase c) throws Exception {
        try (var on = dc.activate()) {
            long seed = c.name.hashCode();
            float[] x = Ref.uniform(seed, Ref.numel(c.x), -1, 1);
            float[] w = Ref.uniform(seed + 1, Ref.numel(c.w), -1, 1);
            float[] b = c.bias ? Ref.uniform(seed + 2, c.w[1] * c.spec.groups(), -1, 1) : null;
            Tensor y = Functional.convTranspose2d(offsetTensor(dc, x, c.x), offsetTensor(dc, w, c.w),
                    b == null ? null : dc.tensor(b, b.length), c.spec.stride(), c.spec.pad(), c.outPad, c.spec.dil(), c.spec.groups());
            int[] expectedShape = ConvReference.convTranspose2dShape(c.x, c.w, c.spec, c.outPad);
            assertArrayEquals(expectedShape, y.shape(), "convTranspose2d output shape: (H−1)·s − 2p + d·(k−1) + outputPadding + 1");
            Ref.assertClose("convTranspose2d " + c.name, ConvReference.convTranspose2d(x, c.x, w, c.w, b, c.spec, c.outPad),
                    y.toFloatArray(), 1e-4, 1e-4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void conv2dGradientsAreNumericallyRight(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            GradCheck.assertGradients("conv2d groups 2, stride 2, pad 1",
                    xs -> Functional.conv2d(xs[0], xs[1], xs[2], new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, 2),
                    dc.tensor(Ref.uniform(1, 2 * 4 * 25, -1, 1), 2, 4, 5, 5),
                    dc.tensor(Ref.uniform(2, 4 * 2 * 9, -1, 1), 4, 2, 3, 3),
                    dc.tensor(Ref.uniform(3, 4, -1, 1), 4));
            GradCheck.assertGradients("conv2d Cin 1, dilation 2, non-square kernel",
                    xs -> Functional.conv2d(xs[0], xs[1], xs[2], new int[]{1, 2}, new int[]{1, 0}, new int[]{2, 2}, 1),
                    dc.tensor(Ref.uniform(4, 30, -1, 1), 1, 1, 6, 5),
                    dc.tensor(Ref.uniform(5, 12, -1, 1), 2, 1, 2, 3),
                    dc.tensor(Ref.uniform(6, 2, -1, 1), 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void convTranspose2dGradientsAreNumericallyRight(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            GradCheck.assertGradients("convTranspose2d groups 2, stride 2, pad 1, output padding 1",
                    xs -> Functional.convTranspose2d(xs[0], xs[1], xs[2], new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 2),
                    dc.tensor(Ref.uniform(7, 36, -1, 1), 1, 4, 3, 3),
                    dc.tensor(Ref.uniform(8, 48, -1, 1), 4, 2, 2, 3),
                    dc.tensor(Ref.uniform(9, 4, -1, 1), 4));
            GradCheck.assertGradients("convTranspose2d output padding 1 ≥ stride 1, dilation 2",
                    xs -> Functional.convTranspose2d(xs[0], xs[1], null, new int[]{1, 1}, new int[]{1, 0}, new int[]{1, 1}, new int[]{2, 2}, 1),
                    dc.tensor(Ref.uniform(12, 18, -1, 1), 1, 2, 3, 3),
                    dc.tensor(Ref.uniform(13, 36, -1, 1), 2, 2, 3, 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void conv2dSecondOrderGradientsAreNumericallyRight(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // squared, so the input-gradient depends on both x and w and every recorded conv primitive is differentiated
            var r = GradCheck.checkSecondOrder(
                    xs -> Functional.conv2d(xs[0], xs[1], null, new int[]{2, 1}, new int[]{1, 1}, new int[]{1, 1}, 1).square(),
                    dc.tensor(Ref.uniform(10, 32, -1, 1), 1, 2, 4, 4),
                    dc.tensor(Ref.uniform(11, 36, -0.5, 0.5), 2, 2, 3, 3));
            assertTrue(r.passed(), "second order: " + r);
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
            Tensor x3 = dc.tensor(new float[75], 1, 3, 5, 5);
            Tensor x4 = dc.tensor(new float[100], 1, 4, 5, 5);
            assertMessage(() -> Functional.conv2d(x3, dc.tensor(new float[72], 2, 4, 3, 3), null),
                    "conv2d: input [1, 3, 5, 5] has 3 channels but weight [2, 4, 3, 3] expects 4");
            assertMessage(() -> Functional.conv2d(dc.tensor(new float[4], 1, 1, 2, 2), dc.tensor(new float[9], 1, 1, 3, 3), null),
                    "conv2d", "[1, 1, 2, 2]", "smaller than the dilated kernel 3×3");
            assertMessage(() -> Functional.conv2d(x4, dc.tensor(new float[54], 3, 2, 3, 3), null,
                    new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 2), "conv2d", "divisible by groups=2");
            assertMessage(() -> Functional.conv2d(x4, dc.tensor(new float[72], 2, 4, 3, 3), null,
                    new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 0), "conv2d", "groups must be >= 1, got 0");
            assertMessage(() -> Functional.conv2d(x4, dc.tensor(new float[72], 2, 4, 3, 3), dc.tensor(new float[3], 3)),
                    "conv2d", "bias", "[2]", "[3]");
            assertMessage(() -> Functional.conv2d(dc.tensor(new float[75], 3, 5, 5), dc.tensor(new float[27], 1, 3, 3, 3), null),
                    "conv2d", "4-D", "[3, 5, 5]");
            assertMessage(() -> Functional.conv2d(x3.to(DType.INT32), dc.tensor(new float[27], 1, 3, 3, 3), null), "conv2d", "input must be float32", "int32");
            assertMessage(() -> Functional.convTranspose2d(x3, dc.tensor(new float[54], 3, 2, 3, 3).to(DType.INT32), null, 1, 0),
                    "convTranspose2d: weight must be float32", "int32");
            assertMessage(() -> Functional.convTranspose2d(x3, dc.tensor(new float[72], 4, 2, 3, 3), null, 1, 0),
                    "convTranspose2d: input [1, 3, 5, 5] has 3 channels but weight [4, 2, 3, 3] expects 4");
            assertMessage(() -> Functional.convTranspose2d(x3, dc.tensor(new float[54], 3, 2, 3, 3), null,
                    new int[]{2, 2}, new int[]{0, 0}, new int[]{2, 0}, new int[]{1, 1}, 1), "convTranspose2d", "output padding [2, 0]");
        }
    }
}
