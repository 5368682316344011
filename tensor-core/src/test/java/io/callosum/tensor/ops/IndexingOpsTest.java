package io.callosum.tensor.ops;

import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexingOpsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gatherMatchesDefinitionOnEveryDim(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 4, 5};
            float[] x = Ref.uniform(1, 60, -1, 1);
            for (int d = 0; d < 3; d++) {
                int[] is = {2, 3, 4};
                int[] idx = Ref.ints(d + 10, Ref.numel(is), shape[d]);
                float[] got = dc.tensor(x, shape).gather(d, dc.ints(idx, is)).toFloatArray();
                double[] want = new double[got.length];
                int[] p = new int[3];
                for (int i = 0; i < want.length; i++) {
                    ElementwiseOpsTest.unravel(i, is, p);
                    p[d] = idx[i];
                    want[i] = x[Ref.at(shape, p)];
                }
                Ref.assertClose("gather dim " + d, want, got, 0, 0);
            }
            int[] idx = Ref.ints(3, 12, 4);
            GradCheck.assertGradients("gather (repeated indices accumulate)", xs -> xs[0].gather(1, dc.ints(idx, 3, 4)).square(),
                    dc.tensor(Ref.uniform(2, 12, -1, 1), 3, 4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void indexSelectAndItsGradient(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor t = dc.tensor(ShapeOpsTest.seq(12), 3, 4);
            assertArrayEquals(new float[]{8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}, t.indexSelect(0, dc.ints(new int[]{2, 0, 2}, 3)).toFloatArray());
            assertArrayEquals(new float[]{3, 1, 7, 5, 11, 9}, t.indexSelect(1, dc.ints(new int[]{3, 1}, 2)).toFloatArray());
            GradCheck.assertGradients("indexSelect", xs -> xs[0].indexSelect(1, dc.ints(new int[]{3, 1, 3}, 3)).square(),
                    dc.tensor(Ref.uniform(4, 12, -1, 1), 3, 4));
            var r = GradCheck.checkSecondOrder(xs -> xs[0].indexSelect(0, dc.ints(new int[]{1, 1, 0}, 3)).square(), dc.tensor(Ref.uniform(5, 6, -1, 1), 2, 3));
            assertTrue(r.passed(), r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void outOfRangeIndicesAreRejectedWithTheValue(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor t = dc.tensor(ShapeOpsTest.seq(6), 2, 3);
            var e = assertThrows(IllegalArgumentException.class, () -> t.gather(1, dc.ints(new int[]{0, 3, 1, 2}, 2, 2)));
            assertTrue(e.getMessage().contains("gather: index value 3 at flat position 1") && e.getMessage().contains("[0, 3)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> t.indexSelect(0, dc.ints(new int[]{-1}, 1)));
            assertTrue(e.getMessage().contains("indexSelect: index value -1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> t.gather(1, dc.tensor(new float[]{0}, 1, 1)));
            assertTrue(e.getMessage().contains("index must be int32"), e.getMessage());
        }
    }
}
