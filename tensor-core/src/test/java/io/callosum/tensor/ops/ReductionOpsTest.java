package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sum/mean/max/min/var over dim sets with keepdim, argmax/argmin, topk — against double references. */
class ReductionOpsTest {

    /** Double reference: reduce x (row-major, shape) over dims with a combiner, returning the keepdim-shaped result. */
    static double[] reference(float[] x, int[] shape, int[] dims, String op) {
        int[] kept = shape.clone();
        for (int d : dims) kept[d] = 1;
        int n = Ref.numel(kept);
        double[] acc = new double[n];
        double[] sq = new double[n];
        int[] cnt = new int[n];
        Arrays.fill(acc, op.equals("max") ? Double.NEGATIVE_INFINITY : op.equals("min") ? Double.POSITIVE_INFINITY : 0);
        int[] idx = new int[shape.length];
        for (int i = 0; i < x.length; i++) {
            ElementwiseOpsTest.unravel(i, shape, idx);
            int o = 0;
            for (int d = 0; d < shape.length; d++) o = o * kept[d] + (kept[d] == 1 ? 0 : idx[d]);
            double v = x[i];
            switch (op) {
                case "max" -> acc[o] = Math.max(acc[o], v);
                case "min" -> acc[o] = Math.min(acc[o], v);
                default -> {
                    acc[o] += v;
                    sq[o] += v * v;
                }
            }
            cnt[o]++;
        }
        for (int o = 0; o < n; o++) {
            if (op.equals("mean")) acc[o] /= cnt[o];
            if (op.equals("var")) {
                double mean = acc[o] / cnt[o];
                acc[o] = (sq[o] - cnt[o] * mean * mean) / (cnt[o] - 1);
            }
        }
        return acc;
    }

    static final int[][] SHAPES = {{7}, {3, 4}, {2, 1, 5}, {2, 3, 4, 5}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void sumMeanMaxMinVarOverEveryDimSubset(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int seed = 0;
            for (int[] shape : SHAPES) {
                float[] x = Ref.uniform(++seed, Ref.numel(shape), -2, 2);
                Tensor t = dc.tensor(x, shape);
                for (int m = 1; m < (1 << shape.length); m++) {
                    final int mask = m;
                    int[] dims = java.util.stream.IntStream.range(0, shape.length).filter(d -> ((1 << d) & mask) != 0).toArray();
                    int cnt = 1;
                    for (int d : dims) cnt *= shape[d];
                    for (String op : new String[]{"sum", "mean", "max", "min", "var"}) {
                        if (op.equals("var") && cnt < 2) continue;
                        Tensor kept = switch (op) {
                            case "sum" -> t.sum(dims, true);
                            case "mean" -> t.mean(dims, true);
                            case "max" -> t.max(dims, true);
                            case "min" -> t.min(dims, true);
                            default -> t.var(dims, true, true);
                        };
                        String what = op + Arrays.toString(dims) + " of " + Arrays.toString(shape);
                        Ref.assertClose(what, reference(x, shape, dims, op), kept.toFloatArray(), 1e-5, 1e-5);
                        Tensor dropped = switch (op) {
                            case "sum" -> t.sum(dims, false);
                            case "mean" -> t.mean(dims, false);
                            case "max" -> t.max(dims, false);
                            case "min" -> t.min(dims, false);
                            default -> t.var(dims, true, false);
                        };
                        assertEquals(shape.length - dims.length, dropped.dim(), what + " without keepdim drops the dims");
                    }
                }
            }
            assertEquals(0, dc.tensor(new float[]{1, 2, 3}, 3).sum().dim(), "full reduction is 0-d");
            assertEquals(2f, dc.tensor(new float[]{1, 2, 3}, 3).mean().item(), 1e-6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void reductionGradients(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] x = Ref.uniform(9, 24, -2, 2); // distinct values: no ties for max/min
            Tensor t = dc.tensor(x, 2, 3, 4);
            GradCheck.assertGradients("sum", xs -> xs[0].sum(new int[]{0, 2}, false), t);
            GradCheck.assertGradients("mean", xs -> xs[0].mean(1, true), t);
            GradCheck.assertGradients("max", xs -> xs[0].max(2, false), t);
            GradCheck.assertGradients("min", xs -> xs[0].min(new int[]{0, 1}, true), t);
            GradCheck.assertGradients("var", xs -> xs[0].var(new int[]{1}, true, false), t);
            GradCheck.assertGradients("var biased", xs -> xs[0].var(new int[]{0, 2}, false, true), t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void maxSharesGradientAmongTies(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor t = dc.tensor(new float[]{1, 3, 3, 2}, 4).requiresGrad(true);
            t.max().backward();
            assertArrayEquals(new float[]{0, 0.5f, 0.5f, 0}, t.grad().toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void argmaxArgminAndIntegerSums(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
            Tensor t = dc.tensor(x, 3, 4);
            assertEquals(DType.INT32, t.argmax(1, false).dtype());
            assertArrayEquals(new int[]{2, 1, 3}, t.argmax(1, false).toIntArray());
            assertArrayEquals(new int[]{1, 2, 1}, t.argmin(1, false).toIntArray(), "first index among ties");
            assertArrayEquals(new int[]{1, 1, 2, 2}, t.argmax(0, false).toIntArray());
            assertArrayEquals(new int[]{3}, t.argmax(1, true).reshape(-1).narrow(0, 2, 1).toIntArray());
            assertEquals(5, (int) t.argmax().item());
            Tensor i = dc.ints(new int[]{1, 2, 3, 4}, 2, 2);
            assertEquals(DType.INT32, i.sum(1, false).dtype());
            assertArrayEquals(new int[]{3, 7}, i.sum(1, false).toIntArray());
            assertEquals(DType.FLOAT32, i.mean().dtype());
            assertEquals(2.5f, i.mean().item());
            assertTrue(Float.isNaN(dc.tensor(new float[]{1, Float.NaN, 3}, 3).max().item()), "max propagates NaN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void topkSortedWithIndicesAndGradient(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] x = {0.5f, 2, -1, 2, 7, 0};
            Tensor t = dc.tensor(x, 2, 3);
            Tensor.TopK top = t.topk(2, 1, true);
            assertArrayEquals(new float[]{2, 0.5f, 7, 2}, top.values().toFloatArray());
            assertArrayEquals(new int[]{1, 0, 1, 0}, top.indices().toIntArray());
            Tensor.TopK low = t.topk(1, 0, false);
            assertArrayEquals(new float[]{0.5f, 2, -1}, low.values().toFloatArray());
            assertArrayEquals(new int[]{0, 0, 0}, low.indices().toIntArray(), "ties keep the lower index");
            GradCheck.assertGradients("topk", xs -> xs[0].topk(3, 1, true).values(), dc.tensor(Ref.uniform(4, 10, -1, 1), 2, 5));
            assertThrows(IllegalArgumentException.class, () -> t.topk(4, 1, true));
        }
    }
}
