package io.callosum.tensor.float64;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Type promotion as PyTorch: float64 with float32 or integers computes in float64, and gradients keep each leaf's dtype. */
class DTypePromotionTest {
    @Test
    void promotionTable() {
        DType[] all = DType.values();
        for (DType a : all) {
            for (DType b : all) {
                DType want = a == DType.FLOAT64 || b == DType.FLOAT64 ? DType.FLOAT64
                        : a == DType.FLOAT32 || b == DType.FLOAT32 ? DType.FLOAT32 : DType.INT32;
                assertEquals(want, DType.promote(a, b), a + " with " + b);
            }
        }
        assertTrue(DType.FLOAT64.isFloating());
        assertEquals(8, DType.FLOAT64.bytes());
    }

    @Test
    void mixedOperandsComputeInFloat64() {
        double tiny = 0x1p-40;
        Tensor d = Tensor.of(new double[]{1 + tiny, 2}, 2);
        Tensor f = Tensor.of(new float[]{1, 0.5f}, 2);
        Tensor i = Tensor.of(new int[]{1, 3}, 2);
        Tensor u = Tensor.ofBytes(new byte[]{1, (byte) 200}, 2);
        for (Tensor other : new Tensor[]{f, i, u}) {
            assertEquals(DType.FLOAT64, d.add(other).dtype(), "float64 + " + other.dtype());
            assertEquals(DType.FLOAT64, other.mul(d).dtype(), other.dtype() + " · float64");
            assertEquals(DType.FLOAT64, Tensor.where(d.gt(1.5), d, other).dtype(), "where(float64, " + other.dtype() + ")");
        }
        assertEquals(tiny, d.sub(f).getDouble(0), "the float32 operand is widened, not the float64 one rounded");
        assertArrayEquals(new double[]{1 + tiny + 1, 202}, d.add(u).toDoubleArray());
        assertEquals(DType.FLOAT32, f.add(i).dtype(), "float32 with integers stays float32");
        assertEquals(DType.FLOAT32, i.mean().dtype(), "an integer mean is float32, as before");
        assertEquals(DType.FLOAT64, d.mean().dtype());
        assertEquals(DType.FLOAT32, i.exp().dtype());
        assertEquals(DType.FLOAT64, d.exp().dtype());
    }

    @Test
    void gradientsFlowBackInEachLeafsDtype() {
        Tensor d = Tensor.of(new double[]{0.5, 2}, 2).requiresGrad(true);
        Tensor f = Tensor.of(new float[]{3, 4}, 2).requiresGrad(true);
        d.mul(f).sum().backward();
        assertNotNull(d.grad());
        assertEquals(DType.FLOAT64, d.grad().dtype());
        assertEquals(DType.FLOAT32, f.grad().dtype());
        assertArrayEquals(new double[]{3, 4}, d.grad().toDoubleArray());
        assertArrayEquals(new float[]{0.5f, 2}, f.grad().toFloatArray());

        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        x.to(DType.FLOAT64).square().sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[]{2, 4}, x.grad().toFloatArray());
    }

    @Test
    void catPromotesMixedInputsAndKeepsEachGradientsDtype() {
        Tensor d = Tensor.of(new double[]{0.1, 0.2}, 2).requiresGrad(true);
        Tensor f = Tensor.of(new float[]{3}, 1).requiresGrad(true);
        Tensor c = Tensor.cat(0, f, d);
        assertEquals(DType.FLOAT64, c.dtype());
        assertArrayEquals(new double[]{3, 0.1, 0.2}, c.toDoubleArray());
        c.mul(Tensor.of(new double[]{1, 2, 3}, 3)).sum().backward();
        assertEquals(DType.FLOAT32, f.grad().dtype());
        assertArrayEquals(new double[]{2, 3}, d.grad().toDoubleArray());
        assertEquals(DType.FLOAT64, Tensor.stack(0, d.detach(), f.detach().expand(2)).dtype());
        assertEquals(DType.UINT8, Tensor.cat(0, Tensor.ofBytes(new byte[]{1}, 1), Tensor.ofBytes(new byte[]{2}, 1)).dtype(),
                "equal dtypes are kept, never promoted");
        assertEquals(DType.FLOAT32, Tensor.cat(0, Tensor.of(new int[]{1}, 1), Tensor.ones(1)).dtype());
    }

    @Test
    void matmulDoesNotPromoteAsInPyTorch() {
        Tensor d = Tensor.zeros(DType.FLOAT64, 2, 2), f = Tensor.zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.matmul(f));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("float64") && e.getMessage().contains("float32")
                && e.getMessage().contains(".to(DType.FLOAT64)"), e.getMessage());
        assertEquals(DType.FLOAT64, d.matmul(f.to(DType.FLOAT64)).dtype());
    }

    @Test
    void inPlaceUpdatesKeepTheTargetsDtype() {
        Tensor d = Tensor.of(new double[]{1, 2}, 2);
        d.addInPlace(Tensor.of(new float[]{0.5f, 0.25f}, 2), 2);
        assertArrayEquals(new double[]{2, 2.5}, d.toDoubleArray());
        d.mulInPlace(0.1);
        assertArrayEquals(new double[]{2 * 0.1, 2.5 * 0.1}, d.toDoubleArray());
        Tensor f = Tensor.zeros(2);
        f.copyFrom(Tensor.of(new double[]{0.1, 1}, 2));
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[]{0.1f, 1}, f.toFloatArray());
        assertEquals(Device.CPU, d.device());
    }
}
