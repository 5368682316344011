package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Factories, dtypes, data access, printing and seeded randomness. */
class TensorTest {
    @Test
    void factoriesAndGeometry() {
        Tensor z = Tensor.zeros(2, 3);
        assertArrayEquals(new int[]{2, 3}, z.shape());
        assertArrayEquals(new int[]{3, 1}, z.strides());
        assertEquals(6, z.numel());
        assertEquals(2, z.dim());
        assertEquals(3, z.size(-1));
        assertEquals(DType.FLOAT32, z.dtype());
        assertEquals(Device.CPU, z.device());
        assertArrayEquals(new float[]{7, 7}, Tensor.full(7, 2).toFloatArray());
        assertArrayEquals(new float[]{1, 1, 1}, Tensor.ones(3).toFloatArray());
        assertArrayEquals(new float[]{0, 1, 2, 3}, Tensor.arange(4).toFloatArray());
        assertArrayEquals(new float[]{1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5).toFloatArray());
        assertEquals(0, Tensor.scalar(3).dim());
        assertEquals(3f, Tensor.scalar(3).item());
        assertEquals(DType.INT32, Tensor.zeros(DType.INT32, 2).dtype());
        assertArrayEquals(new int[]{0, 0}, Tensor.zeros(DType.INT32, 2).toIntArray());
        assertEquals(0, Tensor.zeros(0, 3).numel());
    }

    @Test
    void dtypeConversionTruncatesAndWraps() {
        Tensor f = Tensor.of(new float[]{1.7f, -1.7f, 300f}, 3);
        assertArrayEquals(new int[]{1, -1, 300}, f.to(DType.INT32).toIntArray());
        assertArrayEquals(new byte[]{1, (byte) 255, 44}, f.to(DType.UINT8).toByteArray());
        assertArrayEquals(new float[]{1, 255, 44}, f.to(DType.UINT8).toFloatArray());
    }

    @Test
    void seededRandomnessIsReproducibleAndWellDistributed() {
        Tensor a = Tensor.rand(new Generator(42), 10_000);
        Tensor b = Tensor.rand(new Generator(42), 10_000);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertNotEquals(a.toFloatArray()[0], Tensor.rand(new Generator(43), 1).item());
        assertEquals(0.5, a.mean().item(), 0.01);
        Tensor n = Tensor.randn(new Generator(1), 20_000);
        assertEquals(0, n.mean().item(), 0.03);
        assertEquals(1, n.var().item(), 0.04);
        int[] r = Tensor.randint(new Generator(2), 5, 1000).toIntArray();
        for (int v : r) assertTrue(v >= 0 && v < 5);
        Generator g = new Generator(9);
        byte[] state = g.saveState();
        long first = g.nextLong();
        g.restoreState(state);
        assertEquals(first, g.nextLong(), "restored generator repeats its stream");
    }

    @Test
    void toStringSummarisesLargeTensors() {
        assertEquals("tensor([[1.0, 2.0],\n        [3.0, 4.0]], shape=[2, 2], float32)", Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).toString());
        String big = Tensor.zeros(100, 100).toString();
        assertTrue(big.contains("…") && big.length() < 2000, big.length() + " chars");
        assertTrue(Tensor.of(new float[]{1}, 1).requiresGrad(true).exp().toString().endsWith("grad_fn=exp)"));
        assertEquals("tensor([1, 2], shape=[2], int32)", Tensor.of(new int[]{1, 2}, 2).toString());
    }

    @Test
    void badShapesAndValuesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("negative dimension in shape [2, -1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536));
        assertTrue(e.getMessage().contains("more than 2147483647 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[]{1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("3 values do not fill shape [2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast (dimension 1: 3 vs 4)", e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> Tensor.ones(2, 3).item());
        assertTrue(s.getMessage().contains("has 6 elements, not 1"));
        var v = assertThrows(IllegalStateException.class, () -> Tensor.ones(2, 3).t().view(6));
        assertTrue(v.getMessage().contains("not contiguous"), v.getMessage());
        var inPlace = assertThrows(IllegalStateException.class, () -> Tensor.ones(2).requiresGrad(true).fill(3));
        assertTrue(inPlace.getMessage().contains("in-place update") && inPlace.getMessage().contains("Grad.disabled()"));
        var dev = assertThrows(IllegalStateException.class, () -> Tensor.ones(2).to(Device.cuda(0)));
        assertTrue(dev.getMessage().contains("cuda"), dev.getMessage());
    }
}
