package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maskedFill, where with a mask, and max/min with indices: double references and gradient checks on every device. */
class MaskAndExtremeOpsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void maskedFillAndWhereFollowTheMask(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] xv = Ref.uniform(1, 12, -1, 1), bv = Ref.uniform(2, 4, -1, 1);
            Tensor x = dc.tensor(xv, 3, 4).requiresGrad(true);
            Tensor mask = x.gt(0); // [3, 4] uint8
            Tensor rowMask = dc.tensor(new float[]{1, 0, 1}, 3, 1).gt(0.5); // broadcasts over columns
            float[] filled = x.maskedFill(mask, -7).toFloatArray();
            float[] rowFilled = x.maskedFill(rowMask, 2.5).toFloatArray();
            Tensor b = dc.tensor(bv, 4).requiresGrad(true);
            float[] picked = Tensor.where(mask, x, b).toFloatArray();
            for (int i = 0; i < 12; i++) {
                double ref = xv[i] > 0 ? -7 : xv[i];
                assertEquals(ref, filled[i], 0);
                assertEquals((i / 4) != 1 ? 2.5 : xv[i], rowFilled[i], 0);
                assertEquals(xv[i] > 0 ? xv[i] : bv[i % 4], picked[i], 0);
            }
            // gradients: 0 where filled, 1 elsewhere; where splits between a and b
            GradCheck.assertGradients("maskedFill", xs -> xs[0].maskedFill(mask, 3).square(), x);
            GradCheck.assertGradients("where", xs -> Tensor.where(mask, xs[0], xs[1]).square(), x, b);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> x.maskedFill(dc.tensor(xv, 3, 4), 0))
                    .getMessage().contains("maskedFill: mask must be uint8"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> x.maskedFill(Tensor.zeros(DType.UINT8, 2, 3, 4).to(dc.device()), 0))
                    .getMessage().contains("maskedFill: mask [2, 3, 4] does not broadcast to input [3, 4]"));
        }
    }

    /** A seeded shuffle of values 0.06 apart, so a gradient-check step never changes which element is the extreme. */
    static float[] separated(int n) {
        int[] order = Ref.ints(3, n, Integer.MAX_VALUE);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Integer.compare(order[a], order[b]));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[idx[i]] = (float) (i * 0.06 - 1.8);
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void maxAndMinWithIndicesMatchAScanAndRouteGradients(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 5, 4};
            float[] v = separated(60);
            Tensor x = dc.tensor(v, shape).requiresGrad(true);
            for (int dim = 0; dim < 3; dim++) {
                for (boolean max : new boolean[]{true, false}) {
                    Tensor.ValuesIndices r = max ? x.maxWithIndices(dim, false) : x.minWithIndices(dim, false);
                    int[] outShape = new int[2];
                    for (int d = 0, o = 0; d < 3; d++) if (d != dim) outShape[o++] = shape[d];
                    assertArrayEquals(outShape, r.values().shape());
                    assertArrayEquals(outShape, r.indices().shape());
                    assertEquals(DType.INT32, r.indices().dtype());
                    float[] got = r.values().toFloatArray();
                    int[] idx = r.indices().toIntArray();
                    int[] pos = new int[3];
                    for (int o = 0; o < got.length; o++) {
                        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                        int at = -1;
                        for (int k = 0; k < shape[dim]; k++) {
                            int rest = o;
                            for (int d = 2; d >= 0; d--) {
                                if (d == dim) continue;
                                pos[d] = rest % shape[d];
                                rest /= shape[d];
                            }
                            pos[dim] = k;
                            double e = v[(pos[0] * 5 + pos[1]) * 4 + pos[2]];
                            if (max ? e > best : e < best) {
                                best = e;
                                at = k;
                            }
                        }
                        assertEquals(best, got[o], 0, "dim " + dim + " element " + o);
                        assertEquals(at, idx[o], "dim " + dim + " element " + o);
                    }
                    int d = dim;
                    GradCheck.assertGradients(max ? "maxWithIndices" : "minWithIndices",
                            xs -> (max ? xs[0].maxWithIndices(d, true) : xs[0].minWithIndices(d, true)).values().square(), x);
                }
            }
        }
    }
}
