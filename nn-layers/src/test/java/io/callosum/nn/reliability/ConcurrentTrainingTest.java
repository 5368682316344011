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
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Two models training at once on two threads (sharing the CPU backend's worker pool) end exactly as each alone. */
class ConcurrentTrainingTest {
    static List<float[]> train(long seed) {
        Generator g = new Generator(seed);
        Module net = new Sequential(Conv2d.builder(3, 8, 3).padding(1).bias(false).generator(g).build(), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(8, 16, 3).padding(1).bias(false).generator(g).build(), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 5, g));
        Adam opt = new Adam(net.parameters(), 1e-2);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int step = 0; step < 15; step++) {
            try (Scope s = Scope.open()) {
                Tensor x = Tensor.randn(g, 16, 3, 16, 16);
                Tensor y = Tensor.randint(g, 5, 16).to(DType.INT32);
                opt.zeroGrad();
                ce.apply(net.forward(x), y).backward();
                opt.step();
            }
        }
        List<float[]> out = new ArrayList<>();
        net.stateDict().values().forEach(t -> out.add(t.toFloatArray()));
        return out;
    }

    @Test
    void twoThreadsMatchSequentialRuns() throws Exception {
        List<float[]> aloneA = train(1), aloneB = train(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                Future<List<float[]>> a = pool.submit(() -> train(1)), b = pool.submit(() -> train(2));
                List<float[]> ca = a.get(), cb = b.get();
                for (int i = 0; i < aloneA.size(); i++) {
                    assertArrayEquals(aloneA.get(i), ca.get(i), "model 1 tensor " + i + " round " + round);
                    assertArrayEquals(aloneB.get(i), cb.get(i), "model 2 tensor " + i + " round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
