package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nested-array factories, element get/set, typed item accessors, zeroGrad ownership and Grad.grad's unused inputs. */
class TensorAccessTest {

    static void assertMessage(Class<? extends Throwable> type, String part, org.junit.jupiter.api.function.Executable e) {
        Throwable ex = assertThrows(type, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' should contain '" + part + "'");
    }

    @Test
    void nestedArraysBuildRowMajorTensorsAndRaggedInputIsAnError() {
        Tensor m = Tensor.of(new float[][]{{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[]{2, 3}, m.shape());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, m.toFloatArray());
        Tensor c = Tensor.of(new float[][][]{{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}});
        assertArrayEquals(new int[]{2, 3, 2}, c.shape());
        assertEquals(10f, c.get(1, 1, 1));
        assertArrayEquals(new int[]{0, 0}, Tensor.of(new float[0][]).shape());
        assertMessage(IllegalArgumentException.class, "of: row 1 has 2 elements but row 0 has 3 (ragged input",
                () -> Tensor.of(new float[][]{{1, 2, 3}, {4, 5}}));
        assertMessage(IllegalArgumentException.class, "of: plane 1: row 0 has 1 elements but the others have 2",
                () -> Tensor.of(new float[][][]{{{1, 2}}, {{3}}}));
        assertMessage(IllegalArgumentException.class, "of: plane 1 has 2 elements but plane 0 has 1",
                () -> Tensor.of(new float[][][]{{{1, 2}}, {{3, 4}, {5, 6}}}));
        assertMessage(IllegalArgumentException.class, "of: row 1 is null", () -> Tensor.of(new float[][]{{1}, null}));
    }

    @Test
    void getAndSetAddressOneElementThroughViews() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        assertEquals(6f, x.get(1, 2));
        assertEquals(11f, x.get(-1, -1));
        Tensor t = x.t(); // strided view
        assertEquals(9f, t.get(1, 2));
        t.set(-5, 1, 2);
        assertEquals(-5f, x.get(2, 1), "set writes through the view");
        assertEquals(7, Tensor.of(new int[]{5, 6, 7}, 3).getInt(2));
        assertMessage(IllegalArgumentException.class, "get: index 3 is out of range for dimension 0 of size 3", () -> x.get(3, 0));
        assertMessage(IllegalArgumentException.class, "get: 1 indices for tensor [3, 4] of rank 2", () -> x.get(1));
        assertMessage(IllegalStateException.class, "getInt: tensor [3, 4] is float32", () -> x.getInt(0, 0));
    }

    @Test
    void typedItemAccessorsAreExactOrRefuse() {
        Tensor big = Tensor.of(new int[]{16_777_217}, 1);
        assertEquals(16_777_217, big.intItem());
        assertEquals(16_777_217L, big.longItem());
        assertEquals(16_777_217.0, big.doubleItem());
        assertMessage(IllegalStateException.class, "item: INT32 value 16777217 is not exactly representable as a float; use intItem()", big::item);
        assertEquals(42f, Tensor.of(new int[]{42}, 1).item());
        assertEquals(200, Tensor.ofBytes(new byte[]{(byte) 200}, 1).intItem());
        assertEquals(0.1f, (float) Tensor.scalar(0.1).doubleItem());
        assertMessage(IllegalStateException.class, "intItem: tensor [] is float32", () -> Tensor.scalar(2.5).intItem());
        assertMessage(IllegalStateException.class, "longItem: tensor [] is float32", () -> Tensor.scalar(2.5).longItem());
        assertMessage(IllegalStateException.class, "doubleItem: tensor of shape [2] has 2 elements, not 1", () -> Tensor.zeros(2).doubleItem());
    }

    @Test
    void zeroGradLeavesAHeldGradientUsableUntilTheScopeEnds() {
        Tensor w = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor held, next;
        try (Scope step = Scope.open()) {
            w.mul(3).sum().backward();
            held = w.grad();
            w.zeroGrad();
            assertNull(w.grad());
            assertFalse(held.isClosed(), "zeroGrad must not close a gradient the caller holds");
            assertArrayEquals(new float[]{3, 3}, held.toFloatArray());
            w.mul(2).sum().backward();
            next = w.grad();
            assertArrayEquals(new float[]{2, 2}, next.toFloatArray(), "the next backward starts from nothing");
            assertArrayEquals(new float[]{3, 3}, held.toFloatArray(), "and does not write into the old gradient");
        }
        assertTrue(held.isClosed(), "the dropped gradient is closed with the scope it was dropped in");
        assertFalse(next.isClosed(), "the current gradient is not the scope's");
        // outside a scope the dropped gradient is left to the caller (and the collector)
        Tensor outside = w.grad();
        w.zeroGrad();
        assertFalse(outside.isClosed());
        outside.close();
        w.mul(1).sum().backward();
        Tensor second = w.grad();
        w.releaseGrad();
        assertTrue(second.isClosed(), "releaseGrad closes");
    }

    @Test
    void gradRaisesForAnUnusedInputUnlessAllowed() {
        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor unused = Tensor.of(new float[]{5}, 1).requiresGrad(true);
        Tensor y = x.square().sum();
        assertMessage(IllegalArgumentException.class, "grad: input 1 ([1] float32 cpu) is not used to compute the output",
                () -> Grad.grad(y, x, unused));
        Tensor[] g = Grad.grad(y, null, false, true, x, unused);
        assertArrayEquals(new float[]{2, 4}, g[0].toFloatArray());
        assertNull(g[1], "allowUnused gives null, as PyTorch's None");
    }

    @Test
    void gradRunsNoRuleBelowTheInputsAskedFor() {
        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor a = Autograd.record("below", x.detach().mul(3), g -> {
            throw new AssertionError("the rule of a node below the requested input ran");
        }, x);
        Tensor y = a.square().sum();
        assertArrayEquals(new float[]{6, 12}, Grad.grad(y, a)[0].toFloatArray(), "d(a²)/da = 2a");
        assertThrows(AssertionError.class, () -> Grad.grad(y, x), "asking for x does run it");
    }
}
