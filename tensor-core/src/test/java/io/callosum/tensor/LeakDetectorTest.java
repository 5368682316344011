package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LeakDetectorTest {
    @Test
    void reportsCollectedUnclosedTensorsOnly() throws Exception {
        LeakDetector.Level before = LeakDetector.level();
        LeakDetector.enable(LeakDetector.Level.TRACE);
        try {
            LeakDetector.reset();
            makeTensors();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (LeakDetector.report().leaked() < 40 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            LeakDetector.Report r = LeakDetector.report();
            assertEquals(70, r.tracked());
            assertEquals(30, r.closed());
            assertEquals(40, r.leaked(), r.toString());
            assertTrue(r.sites().get(0).startsWith("io.callosum.tensor.LeakDetectorTest.makeTensors:"), r.sites().toString());
        } finally {
            LeakDetector.enable(before);
        }
    }

    private static void makeTensors() {
        for (int i = 0; i < 40; i++) Tensor.zeros(4);                  // dropped unclosed: leaks
        for (int i = 0; i < 10; i++) Tensor.zeros(4).close();          // closed by hand
        try (Scope s = Scope.open()) {
            for (int i = 0; i < 20; i++) Tensor.ones(3);               // closed by their scope
        }
    }

    @Test
    void levelParsing() {
        assertEquals(LeakDetector.Level.OFF, LeakDetector.parse("off"));
        assertEquals(LeakDetector.Level.COUNT, LeakDetector.parse("count"));
        assertEquals(LeakDetector.Level.TRACE, LeakDetector.parse(" TRACE "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeakDetector.parse("loud"));
        assertTrue(e.getMessage().contains("expected off, count or trace, got 'loud'"), e.getMessage());
    }
}
