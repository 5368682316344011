package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {
    @Test
    void closesEverythingCreatedInsideExceptKept() {
        Tensor kept, dropped;
        try (Scope s = Scope.open()) {
            Tensor a = Tensor.ones(3);
            dropped = a.mul(2);
            kept = s.keep(a.add(1));
            assertTrue(s.size() >= 2);
        }
        assertTrue(dropped.isClosed());
        assertFalse(kept.isClosed());
        assertEquals(6f, kept.sum().item());
        var e = assertThrows(IllegalStateException.class, () -> dropped.add(1));
        assertTrue(e.getMessage().contains("was closed") && e.getMessage().contains("scope.keep"), e.getMessage());
    }

    @Test
    void nestedScopesMoveKeptTensorsOutward() {
        Tensor outer;
        try (Scope a = Scope.open()) {
            try (Scope b = Scope.open()) {
                outer = b.keep(Tensor.ones(2));
            }
            assertFalse(outer.isClosed());
        }
        assertTrue(outer.isClosed(), "kept into the outer scope, closed with it");
    }

    @Test
    void viewsKeepStorageAliveUntilTheLastIsClosed() {
        Tensor base = Tensor.of(new float[]{1, 2, 3, 4}, 4);
        Tensor view = base.narrow(0, 1, 2);
        base.close();
        assertArrayEquals(new float[]{2, 3}, view.toFloatArray());
        view.close();
        assertTrue(view.isClosed());
    }

    private static void assertArrayEquals(float[] a, float[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    @Test
    void leafGradientsSurviveTheStepScope() {
        Tensor w = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        for (int step = 0; step < 3; step++) {
            try (Scope s = Scope.open()) {
                w.mul(w).sum().backward();
            }
            assertFalse(w.grad().isClosed());
        }
        assertArrayEquals(new float[]{6, 12}, w.grad().toFloatArray());
    }

    @Test
    void closingOutOfOrderIsAnError() {
        Scope a = Scope.open();
        Scope b = Scope.open();
        assertThrows(IllegalStateException.class, a::close);
        b.close();
        a.close();
        assertEquals(null, Scope.current());
    }
}
