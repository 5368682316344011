package io.callosum.tensor.ops;

import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views share storage; copies (cat, stack, pad, flip, contiguous) match index-by-index references; all differentiable. */
class ShapeOpsTest {
    static float[] seq(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void viewsShareStorageAndIndexCorrectly(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor t = dc.tensor(seq(24), 2, 3, 4);
            Tensor p = t.permute(2, 0, 1);
            assertArrayEquals(new int[]{4, 2, 3}, p.shape());
            assertSame(TensorInternals.storage(t), TensorInternals.storage(p), "permute is a view");
            float[] pv = p.contiguous().toFloatArray();
            for (int a = 0; a < 4; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 3; c++) {
                assertEquals(b * 12 + c * 4 + a, pv[(a * 2 + b) * 3 + c]);
            }
            Tensor n = t.narrow(2, 1, 2);
            assertArrayEquals(new float[]{1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, n.contiguous().toFloatArray());
            Tensor s = t.slice(1, 0, 3, 2);
            assertArrayEquals(new float[]{0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23}, s.contiguous().toFloatArray());
            assertArrayEquals(new float[]{4, 5, 6, 7, 16, 17, 18, 19}, t.select(1, 1).contiguous().toFloatArray());
            assertArrayEquals(new int[]{2, 1, 3, 4}, t.unsqueeze(1).shape());
            assertArrayEquals(new int[]{2, 3, 4, 1}, t.unsqueeze(-1).shape());
            assertArrayEquals(new int[]{2, 4}, dc.tensor(seq(8), 2, 1, 4, 1).squeeze().shape());
            assertArrayEquals(new int[]{2, 4, 1}, dc.tensor(seq(8), 2, 1, 4, 1).squeeze(1).shape());
            Tensor e = dc.tensor(new float[]{1, 2, 3}, 3, 1).expand(3, 4);
            assertEquals(0, e.stride(1));
            assertArrayEquals(new float[]{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}, e.contiguous().toFloatArray());
            assertArrayEquals(new int[]{6, 4}, t.reshape(-1, 4).shape());
            assertArrayEquals(new int[]{2, 12}, t.flatten(1, 2).shape());
            assertTrue(t.transpose(0, 2).reshape(-1).isContiguous(), "reshape of a non-contiguous view copies");
            assertArrayEquals(new float[]{0, 12, 4, 16, 8, 20}, t.select(2, 0).t().contiguous().toFloatArray());
            // writing through a view writes the base
            t.narrow(0, 1, 1).fill(-1);
            assertEquals(-1f, t.toFloatArray()[12]);
            assertEquals(11f, t.toFloatArray()[11]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void catStackPadFlip(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor a = dc.tensor(seq(6), 2, 3), b = dc.tensor(new float[]{10, 11}, 2, 1);
            assertArrayEquals(new float[]{0, 1, 2, 10, 3, 4, 5, 11}, Tensor.cat(1, a, b).toFloatArray());
            assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, Tensor.cat(0, a, a).toFloatArray());
            Tensor st = Tensor.stack(1, a, a.mul(2));
            assertArrayEquals(new int[]{2, 2, 3}, st.shape());
            assertArrayEquals(new float[]{0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10}, st.toFloatArray());
            Tensor p = a.pad(new int[]{1, 0, 0, 1}, -1);
            assertArrayEquals(new int[]{3, 4}, p.shape());
            assertArrayEquals(new float[]{-1, 0, 1, 2, -1, 3, 4, 5, -1, -1, -1, -1}, p.toFloatArray());
            assertArrayEquals(new float[]{5, 4, 3, 2, 1, 0}, a.flip(0, 1).toFloatArray());
            List<Tensor> parts = dc.tensor(seq(7), 7).split(3, 0);
            assertEquals(3, parts.size());
            assertArrayEquals(new float[]{6}, parts.get(2).toFloatArray());
            assertEquals(2, dc.tensor(seq(6), 6).chunk(3, 0).get(1).numel());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void shapeOpsAreDifferentiable(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(1, 24, -1, 1), 2, 3, 4);
            Tensor y = dc.tensor(Ref.uniform(2, 8, -1, 1), 2, 1, 4);
            GradCheck.assertGradients("permute", xs -> xs[0].permute(1, 2, 0).mul(xs[0].permute(1, 2, 0)), x);
            GradCheck.assertGradients("slice", xs -> xs[0].slice(2, 1, 4, 2).square(), x);
            GradCheck.assertGradients("select", xs -> xs[0].select(1, 2).exp(), x);
            GradCheck.assertGradients("expand", xs -> xs[0].expand(2, 3, 4).mul(xs[1]), y, x);
            GradCheck.assertGradients("reshape of view", xs -> xs[0].transpose(0, 2).reshape(4, 6).square(), x);
            GradCheck.assertGradients("cat", xs -> Tensor.cat(1, xs[0], xs[1]).square(), x, y);
            GradCheck.assertGradients("stack", xs -> Tensor.stack(0, xs[0], xs[0].mul(xs[0])), y);
            GradCheck.assertGradients("pad", xs -> xs[0].pad(new int[]{1, 2, 0, 1}, 0.5).square(), x);
            GradCheck.assertGradients("flip", xs -> xs[0].flip(2).mul(xs[0]), x);
            GradCheck.assertGradients("squeeze/unsqueeze", xs -> xs[0].squeeze(1).unsqueeze(0).square(), y);
            GradCheck.assertGradients("split", xs -> xs[0].split(2, 2).get(1).square(), x);
        }
    }
}
