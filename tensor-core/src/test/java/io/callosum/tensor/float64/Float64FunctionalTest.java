package io.callosum.tensor.float64;

import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Functional ops built from elementwise ops and matmul (linear, dropout, mse) take float64 and stay in it. */
class Float64FunctionalTest {
    /** A step float32 cannot hold next to 1: a float32 computation would lose it. */
    private static final double TINY = 1e-12;

    @Test
    void linearComputesInDouble() {
        Tensor x = Tensor.of(new double[][]{{1, TINY}, {2, 3}});
        Tensor w = Tensor.of(new double[][]{{1, 1}, {0, 2}});
        Tensor b = Tensor.of(new double[]{TINY, 0.5}, 2);
        Tensor y = Functional.linear(x, w, b);
        assertEquals(DType.FLOAT64, y.dtype());
        // float32 would round each of the first three to 1, 0.5 and 5, an error of about 1e-12
        assertArrayEquals(new double[]{(1 + TINY) + TINY, 2 * TINY + 0.5, 5 + TINY, 6.5}, y.toDoubleArray(), 1e-15);
    }

    @Test
    void mseComputesInDouble() {
        Tensor x = Tensor.of(new double[]{1 + TINY, 2, 4}, 3);
        Tensor y = Tensor.of(new double[]{1, 2, 2}, 3);
        Tensor none = Functional.mse(x, y, Reduction.NONE);
        assertEquals(DType.FLOAT64, none.dtype());
        double d = (1 + TINY) - 1; // the difference as stored, about 1e-12; float32 would make it 0
        assertArrayEquals(new double[]{d * d, 0, 4}, none.toDoubleArray(), 1e-36);
        assertEquals(DType.FLOAT64, Functional.mse(x, y).dtype());
        assertEquals((d * d + 4) / 3, Functional.mse(x, y).doubleItem(), 1e-15); // float32 would be 4e-8 off
    }

    @Test
    void dropoutKeepsFloat64AndScalesTheKeptElementsExactly() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 1 + i * TINY;
        Tensor x = Tensor.of(v, v.length);
        Tensor y = Functional.dropout(x, 0.25, true, new Generator(3));
        assertEquals(DType.FLOAT64, y.dtype());
        double[] out = y.toDoubleArray();
        int kept = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) continue;
            kept++;
            assertEquals(v[i] / 0.75, out[i], Math.ulp(v[i] / 0.75), "element " + i);
        }
        assertTrue(kept > 650 && kept < 850, kept + " of 1000 kept with p = 0.25");
    }
}
