package io.callosum.nn.schedule;

import io.callosum.nn.optim.SGD;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LrScheduleTest {
    @Test
    void stepDecay() {
        LrSchedule s = LrSchedule.step(3, 0.1);
        double[] expected = {1, 1, 1, 0.1, 0.1, 0.1, 0.01};
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], s.factor(t), 1e-12, "t=" + t);
    }

    @Test
    void cosineAnnealing() {
        LrSchedule s = LrSchedule.cosine(4, 0.0);
        assertEquals(1.0, s.factor(0), 1e-12);
        assertEquals((1 + Math.cos(Math.PI / 4)) / 2, s.factor(1), 1e-12);
        assertEquals(0.5, s.factor(2), 1e-12);
        assertEquals(0.0, s.factor(4), 1e-12);
        assertEquals(0.0, s.factor(9), 1e-12, "held at the floor after the horizon");
        assertEquals(0.1 + 0.9 * 0.5, LrSchedule.cosine(4, 0.1).factor(2), 1e-12);
    }

    @Test
    void warmupThenDecay() {
        LrSchedule s = LrSchedule.step(2, 0.5).withWarmup(4, 0.25);
        double[] expected = {0.25, 0.4375, 0.625, 0.8125, 1, 1, 0.5, 0.5, 0.25};
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], s.factor(t), 1e-12, "t=" + t);
        assertEquals(1.0, LrSchedule.linearWarmup(0, 0.1).factor(0), 1e-12);
    }

    @Test
    void appliesToOptimizer() {
        SGD opt = new SGD(List.of(Tensor.ones(1).requiresGrad(true)), 0.2);
        LrSchedule.step(1, 0.5).apply(opt, 0.2, 2);
        assertEquals(0.05, opt.lr(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(0, 0));
    }
}
