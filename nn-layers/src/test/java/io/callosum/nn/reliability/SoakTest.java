package io.callosum.nn.reliability;

import io.callosum.nn.Module;
import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.Flatten;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.layers.MaxPool2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.nn.losses.CrossEntropyLoss;
import io.callosum.nn.optim.Adam;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.LeakDetector;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 2 000 training steps of a small conv net: the heap after a full GC stays flat after warm-up, and no tensor is
 * collected without having been closed (the step runs in a Scope; the leak detector counts).
 */
class SoakTest {
    @Test
    void twoThousandStepsStayFlat() throws Exception {
        LeakDetector.Level before = LeakDetector.level();
        LeakDetector.enable(LeakDetector.Level.TRACE);
        try {
            Generator g = new Generator(1);
            Module net = new Sequential(Conv2d.builder(1, 4, 3).padding(1).bias(false).generator(g).build(), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(4 * 4 * 4, 3, g));
            Adam opt = new Adam(net.parameters(), 1e-3);
            CrossEntropyLoss ce = new CrossEntropyLoss();
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            long warm = 0, mid = 0;
            LeakDetector.reset();
            for (int step = 1; step <= 2000; step++) {
                try (Scope s = Scope.open()) {
                    Tensor x = Tensor.randn(g, 8, 1, 8, 8);
                    Tensor y = Tensor.randint(g, 3, 8).to(DType.INT32);
                    opt.zeroGrad();
                    ce.apply(net.forward(x), y).backward();
                    opt.step();
                }
                if (step == 200) warm = usedAfterGc(mem);
                if (step == 1100) mid = usedAfterGc(mem);
            }
            long end = usedAfterGc(mem);
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            LeakDetector.Report r = LeakDetector.report();
            System.out.printf("soak: heap after GC %.1f MiB at step 200, %.1f at step 1 100, %.1f at step 2 000; %s%n",
                    warm / 1048576.0, mid / 1048576.0, end / 1048576.0, r);
            // inside the full suite the first sample can still hold earlier tests' garbage, so the bound is loose
            // (the leak detector below is the sharp check: every unclosed tensor is counted)
            assertTrue(end - warm < 32L << 20, "heap grew by " + (end - warm) / 1048576.0 + " MiB over 1 800 steps");
            assertTrue(end - mid < 16L << 20, "heap grew by " + (end - mid) / 1048576.0 + " MiB over the last 900 steps");
            assertEquals(0, r.leaked(), r.toString());
            assertTrue(r.tracked() > 2000 * 20, "the detector saw the steps' tensors: " + r);
        } finally {
            LeakDetector.enable(before);
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
