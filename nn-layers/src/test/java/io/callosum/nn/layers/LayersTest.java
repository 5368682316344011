package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Each layer: output shape, forward against a plain double reference, parameter counts, and gradients. */
class LayersTest {
    static Tensor input(long seed, int... shape) {
        return Tensor.of(Ref.uniform(seed, Ref.numel(shape), -1, 1), shape);
    }

    @Test
    void linearForwardAgainstReference() {
        Linear l = new Linear(5, 3, new Generator(1));
        Tensor x = input(2, 4, 5);
        float[] w = l.parameter("weight").toFloatArray(), b = l.parameter("bias").toFloatArray(), xv = x.toFloatArray();
        double[] ref = new double[4 * 3];
        for (int n = 0; n < 4; n++)
            for (int o = 0; o < 3; o++) {
                double s = b[o];
                for (int i = 0; i < 5; i++) s += (double) xv[n * 5 + i] * w[o * 5 + i];
                ref[n * 3 + o] = s;
            }
        Ref.assertClose("linear", ref, l.forward(x).toFloatArray(), 1e-5, 1e-5);
        assertEquals(5 * 3 + 3, l.parameterCount());
        assertEquals(15, Linear.builder(5, 3).bias(false).generator(new Generator(1)).build().parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(input(3, 4, 6)));
        assertTrue(e.getMessage().contains("Linear(5, 3): input's last dim must be 5, got shape [4, 6]"), e.getMessage());
    }

    @Test
    void conv2dForwardAgainstReference() {
        Conv2d c = Conv2d.builder(2, 3, 3).kernel(3, 2).stride(2, 1).padding(1, 0).generator(new Generator(4)).build();
        Tensor x = input(5, 2, 2, 5, 4);
        float[] w = c.parameter("weight").toFloatArray(), b = c.parameter("bias").toFloatArray(), xv = x.toFloatArray();
        int oh = (5 + 2 - 3) / 2 + 1, ow = 4 - 2 + 1;
        double[] ref = new double[2 * 3 * oh * ow];
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 3; o++)
                for (int y = 0; y < oh; y++)
                    for (int xx = 0; xx < ow; xx++) {
                        double s = b[o];
                        for (int i = 0; i < 2; i++)
                            for (int ky = 0; ky < 3; ky++)
                                for (int kx = 0; kx < 2; kx++) {
                                    int iy = y * 2 - 1 + ky, ix = xx + kx;
                                    if (iy < 0 || iy >= 5) continue;
                                    s += (double) xv[((n * 2 + i) * 5 + iy) * 4 + ix] * w[((o * 2 + i) * 3 + ky) * 2 + kx];
                                }
                        ref[((n * 3 + o) * oh + y) * ow + xx] = s;
                    }
        Tensor out = c.forward(x);
        assertArrayEquals(new int[]{2, 3, oh, ow}, out.shape());
        Ref.assertClose("conv2d layer", ref, out.toFloatArray(), 1e-5, 1e-5);
        assertEquals(3 * 2 * 3 * 2 + 3, c.parameterCount());
        assertEquals(32 * 3 * 9, Conv2d.builder(3, 32, 3).padding(1).bias(false).generator(new Generator(1)).build().parameterCount());
        assertEquals(8 * 2 * 9 + 8, Conv2d.builder(4, 8, 3).padding(1).groups(2).generator(new Generator(1)).build().parameterCount());
    }

    @Test
    void convTranspose2dShapesAndCount() {
        ConvTranspose2d t = ConvTranspose2d.builder(4, 2, 3).stride(2).padding(1).outputPadding(1).generator(new Generator(6)).build();
        assertArrayEquals(new int[]{4, 2, 3, 3}, t.parameter("weight").shape());
        assertEquals(4 * 2 * 9 + 2, t.parameterCount());
        assertArrayEquals(new int[]{1, 2, 10, 10}, t.forward(input(7, 1, 4, 5, 5)).shape());
        // PyTorch's fan-in for the transposed weight is dim 1 × k² = 2·9 = 18: every weight lies within 1/√18
        double bound = 1 / Math.sqrt(18);
        for (float v : t.parameter("weight").toFloatArray()) assertTrue(Math.abs(v) <= bound, "weight " + v);
    }

    @Test
    void batchNormTrainingEvalAndRunningStatistics() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = input(8, 3, 2, 2, 2);
        float[] xv = x.toFloatArray();
        float[] y = bn.forward(x).toFloatArray();
        for (int c = 0; c < 2; c++) {
            double mean = 0, sq = 0;
            int n = 0;
            for (int b = 0; b < 3; b++) for (int i = 0; i < 4; i++) mean += xv[(b * 2 + c) * 4 + i];
            mean /= 12;
            for (int b = 0; b < 3; b++) for (int i = 0; i < 4; i++) sq += Math.pow(xv[(b * 2 + c) * 4 + i] - mean, 2);
            double biased = sq / 12, unbiased = sq / 11;
            for (int b = 0; b < 3; b++)
                for (int i = 0; i < 4; i++) {
                    int k = (b * 2 + c) * 4 + i;
                    assertEquals((xv[k] - mean) / Math.sqrt(biased + 1e-5), y[k], 1e-4);
                }
            assertEquals(0.1 * mean, bn.buffer("running_mean").toFloatArray()[c], 1e-6);
            assertEquals(0.9 + 0.1 * unbiased, bn.buffer("running_var").toFloatArray()[c], 1e-6);
            n++;
            assertEquals(1, n);
        }
        assertEquals(1, bn.buffer("num_batches_tracked").toIntArray()[0]);
        assertEquals(DType.INT32, bn.buffer("num_batches_tracked").dtype());
        bn.eval();
        float[] rm = bn.buffer("running_mean").toFloatArray(), rv = bn.buffer("running_var").toFloatArray();
        float[] ye = bn.forward(x).toFloatArray();
        for (int k = 0; k < xv.length; k++) {
            int c = (k / 4) % 2;
            assertEquals((xv[k] - rm[c]) / Math.sqrt(rv[c] + 1e-5), ye[k], 1e-5);
        }
        assertEquals(1, bn.buffer("num_batches_tracked").toIntArray()[0], "eval must not count batches");
        assertEquals(4, bn.parameterCount());
    }

    @Test
    void activationsPoolsAndShapes() {
        Tensor x = input(9, 2, 3, 8, 8);
        assertArrayEquals(new int[]{2, 3, 4, 4}, new MaxPool2d(2).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 4, 4}, new MaxPool2d(3, 2, 1).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 4, 4}, new AvgPool2d(2).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 1, 1}, new AdaptiveAvgPool2d(1).forward(x).shape());
        assertArrayEquals(new int[]{2, 192}, new Flatten().forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 16, 16}, new Upsample(2, Upsample.Mode.NEAREST).forward(x).shape());
        assertArrayEquals(new int[]{2, 3, 16, 16}, new Upsample(2, Upsample.Mode.BILINEAR).forward(x).shape());
        float[] xv = x.toFloatArray(), r = new ReLU().forward(x).toFloatArray(), l = new LeakyReLU(0.2).forward(x).toFloatArray();
        for (int i = 0; i < xv.length; i++) {
            assertEquals(Math.max(xv[i], 0), r[i], 0);
            assertEquals(xv[i] >= 0 ? xv[i] : 0.2f * xv[i], l[i], 1e-7);
        }
        float[] avg = new AdaptiveAvgPool2d(1).forward(x).toFloatArray();
        double s = 0;
        for (int i = 0; i < 64; i++) s += xv[i];
        assertEquals(s / 64, avg[0], 1e-5);
    }

    @Test
    void dropoutTrainAndEval() {
        Dropout d = new Dropout(0.5, new Generator(10));
        Tensor x = Tensor.ones(10_000);
        float[] y = d.forward(x).toFloatArray();
        int zeros = 0;
        for (float v : y) {
            assertTrue(v == 0 || v == 2, "kept values are scaled by 1/(1-p): " + v);
            if (v == 0) zeros++;
        }
        assertEquals(5000, zeros, 200);
        d.eval();
        assertArrayEquals(x.toFloatArray(), d.forward(x).toFloatArray());
    }

    @Test
    void basicBlockShapesAndDownsample() {
        Generator g = new Generator(11);
        BasicBlock same = new BasicBlock(4, 4, 1, g), down = new BasicBlock(4, 8, 2, g);
        assertFalse(same.namedChildren().containsKey("downsample"));
        assertTrue(down.namedChildren().containsKey("downsample"));
        assertEquals(2 * (4 * 4 * 9) + 2 * 8, same.parameterCount());
        assertEquals(4 * 8 * 9 + 8 * 8 * 9 + 4 * 8 + 3 * 16, down.parameterCount());
        Tensor x = input(12, 2, 4, 6, 6);
        assertArrayEquals(new int[]{2, 4, 6, 6}, same.forward(x).shape());
        assertArrayEquals(new int[]{2, 8, 3, 3}, down.forward(x).shape());
        for (float v : down.forward(x).toFloatArray()) assertTrue(v >= 0, "block output passes a final ReLU");
    }

    @Test
    void defaultInitialisationBoundsAndSpread() {
        Linear l = new Linear(400, 300, new Generator(13));
        double bound = 1 / Math.sqrt(400), sq = 0;
        float[] w = l.parameter("weight").toFloatArray();
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound);
            sq += v * v;
        }
        // U(-b, b) has variance b²/3
        assertEquals(bound * bound / 3, sq / w.length, bound * bound / 3 * 0.02);
        for (float v : l.parameter("bias").toFloatArray()) assertTrue(Math.abs(v) <= bound);
        assertArrayEquals(w, new Linear(400, 300, new Generator(13)).parameter("weight").toFloatArray(), "seeded init is reproducible");
    }

    @Test
    void layerGradientsMatchNumerical() {
        Generator g = new Generator(14);
        Module net = new Sequential(Conv2d.builder(2, 3, 3).padding(1).generator(g).build(), new BatchNorm2d(3), new LeakyReLU(0.1), new AvgPool2d(2),
                new Flatten(), new Linear(12, 2, g));
        Tensor x = input(15, 2, 2, 4, 4);
        // the input's gradient through GradCheck (fresh leaves are fine for the input)
        GradCheck.assertGradients("conv-bn-lrelu-pool-linear wrt input", in -> net.forward(in[0]).square().sum(), new Tensor[]{x}, 1e-2, 2e-2, 2e-2);
        // parameter gradients: perturb the module's own parameters in place and difference the loss
        net.zeroGrad();
        net.forward(x).square().sum().backward();
        Generator pick = new Generator(16);
        net.namedParameters().forEach((name, p) -> {
            float[] analytic = p.grad().toFloatArray();
            for (int trial = 0; trial < 6; trial++) {
                int j = pick.nextInt(p.numel());
                double numeric = (lossWith(net, x, p, j, 1e-2f) - lossWith(net, x, p, j, -1e-2f)) / 2e-2;
                assertEquals(numeric, analytic[j], 2e-2 + 2e-2 * Math.abs(numeric), name + "[" + j + "]");
            }
        });
    }

    private static double lossWith(Module net, Tensor x, Tensor p, int j, float delta) {
        float[] v = p.toFloatArray();
        float orig = v[j];
        v[j] = orig + delta;
        try (io.callosum.tensor.Grad.Guard ng = io.callosum.tensor.Grad.disabled()) {
            p.copyFrom(Tensor.of(v, p.shape()));
            double loss = 0;
            for (float o : net.forward(x).toFloatArray()) loss += (double) o * o;
            v[j] = orig;
            p.copyFrom(Tensor.of(v, p.shape()));
            return loss;
        }
    }
}
