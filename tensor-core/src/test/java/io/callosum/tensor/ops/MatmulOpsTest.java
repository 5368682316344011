package io.callosum.tensor.ops;

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

/** matmul in every rank combination, transposed views, broadcast batches, against a double reference. */
class MatmulOpsTest {

    /** Double reference for [..., m, k] @ [..., k, n] with broadcast batch dims (operands given as row-major arrays). */
    static double[] reference(float[] a, int[] as, float[] b, int[] bs) {
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        int[] ba = Arrays.copyOf(as, as.length - 2), bb = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = ElementwiseOpsTest.broadcast(ba, bb);
        int nb = Ref.numel(batch);
        double[] out = new double[nb * m * n];
        int[] idx = new int[batch.length];
        for (int q = 0; q < nb; q++) {
            ElementwiseOpsTest.unravel(q, batch, idx);
            int oa = ElementwiseOpsTest.bcastIndex(idx, ba) * m * k, ob = ElementwiseOpsTest.bcastIndex(idx, bb) * k * n;
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) a[oa + i * k + p] * b[ob + p * n + j];
                out[(q * m + i) * n + j] = s;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void matchesReferenceForShapesAndLayouts(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[][][] cases = {{{3, 4}, {4, 5}}, {{1, 1}, {1, 1}}, {{2, 3, 4}, {4, 2}}, {{5, 4}, {2, 4, 3}}, {{2, 1, 3, 4}, {3, 4, 2}},
                    {{64, 33}, {33, 70}}, {{1, 17}, {17, 1}}};
            int seed = 0;
            for (int[][] c : cases) {
                float[] a = Ref.uniform(++seed, Ref.numel(c[0]), -1, 1), b = Ref.uniform(++seed, Ref.numel(c[1]), -1, 1);
                Tensor y = dc.tensor(a, c[0]).matmul(dc.tensor(b, c[1]));
                Ref.assertClose(Arrays.toString(c[0]) + " @ " + Arrays.toString(c[1]), reference(a, c[0], b, c[1]), y.toFloatArray(), 1e-5, 1e-5);
            }
            // transposed views go to the kernel as transpose flags and give the same numbers as copies
            float[] a = Ref.uniform(50, 12, -1, 1), b = Ref.uniform(51, 20, -1, 1);
            Tensor at = dc.tensor(a, 4, 3).t(), bt = dc.tensor(b, 5, 4).t();
            float[] viaViews = at.matmul(bt).toFloatArray();
            assertArrayEquals(at.contiguous().matmul(bt.contiguous()).toFloatArray(), viaViews);
            Ref.assertClose("aᵀ @ bᵀ", reference(at.contiguous().toFloatArray(), new int[]{3, 4}, bt.contiguous().toFloatArray(), new int[]{4, 5}),
                    viaViews, 1e-5, 1e-5);
            // vectors
            Tensor v = dc.tensor(new float[]{1, 2, 3}, 3);
            assertEquals(14f, v.matmul(v).item(), 1e-6);
            assertArrayEquals(new int[]{4}, dc.tensor(a, 4, 3).matmul(v).shape());
            assertArrayEquals(new int[]{4}, v.matmul(dc.tensor(a, 3, 4)).shape());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void expandedOperandsAndViewsOfLargerStorage(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // a single row expanded to 4 rows (row stride 0), and a single column expanded to 5 columns
            float[] r = Ref.uniform(60, 3, -1, 1), c = Ref.uniform(61, 3, -1, 1);
            Tensor rows = dc.tensor(r, 1, 3).expand(4, 3), cols = dc.tensor(c, 3, 1).expand(3, 5);
            Ref.assertClose("expanded rows @ expanded columns", reference(rows.contiguous().toFloatArray(), new int[]{4, 3},
                    cols.contiguous().toFloatArray(), new int[]{3, 5}), rows.matmul(cols).toFloatArray(), 1e-5, 1e-5);
            // k = 1 with every stride 0: the gradient of sum(x @ wᵀ) for one example
            float[] w = Ref.uniform(62, 6, -1, 1);
            Tensor wt = dc.tensor(w, 2, 3).requiresGrad(true);
            Tensor x = dc.tensor(new float[]{1, 2, 3}, 1, 3);
            x.matmul(wt.t()).sum().backward();
            assertArrayEquals(new float[]{1, 2, 3, 1, 2, 3}, wt.grad().toFloatArray(), 1e-6f);
            // an m×1 column whose rows are one element apart inside a larger buffer
            float[] big = Ref.uniform(63, 12, -1, 1);
            Tensor col = dc.tensor(big, 4, 3).narrow(1, 1, 1);
            Tensor rowVec = dc.tensor(Ref.uniform(64, 2, -1, 1), 1, 2);
            Ref.assertClose("column view @ row", reference(col.contiguous().toFloatArray(), new int[]{4, 1},
                    rowVec.toFloatArray(), new int[]{1, 2}), col.matmul(rowVec).toFloatArray(), 1e-6, 1e-6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gradientsIncludingBroadcastBatchAndSecondOrder(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor a = dc.tensor(Ref.uniform(1, 12, -1, 1), 3, 4), b = dc.tensor(Ref.uniform(2, 20, -1, 1), 4, 5);
            GradCheck.assertGradients("mm", xs -> xs[0].matmul(xs[1]), a, b);
            Tensor ba = dc.tensor(Ref.uniform(3, 24, -1, 1), 2, 3, 4);
            GradCheck.assertGradients("broadcast batch", xs -> xs[0].matmul(xs[1]), ba, b);
            GradCheck.assertGradients("transposed operand", xs -> xs[0].t().matmul(xs[1]), dc.tensor(Ref.uniform(4, 12, -1, 1), 4, 3), b.narrow(1, 0, 3).contiguous().t().contiguous().t());
            GradCheck.assertGradients("vector", xs -> xs[0].matmul(xs[1]), b, dc.tensor(Ref.uniform(5, 5, -1, 1), 5));
            var r = GradCheck.checkSecondOrder(xs -> xs[0].matmul(xs[0]).tanh(), dc.tensor(Ref.uniform(6, 9, -1, 1), 3, 3));
            assertTrue(r.passed(), r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void innerDimensionMismatchNamesBothShapes(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Tensor.zeros(64, 128).to(dc.device()).matmul(Tensor.zeros(256, 10).to(dc.device())));
            assertEquals("matmul: inner dimensions differ: [64, 128] @ [256, 10]", e.getMessage());
        }
    }
}
