package io.callosum.tensor.cpu;

import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.CpuSettings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The same computation gives the same bits whenever it runs: before and after the JIT has compiled its kernels, and
 * whatever stale contents the buffer pool hands out. A resumed training run relies on both (KillResumeTest checks it
 * end to end, slowly): a Vector API transcendental is one thing in the interpreter and another once compiled, and a
 * kernel that read its output before writing it would see the pool's leftovers.
 */
class ReproducibilityTest {
    /** Loss and input gradient of a conv → batch norm → ReLU → 1×1 conv → cross-entropy step, as raw floats. */
    private static float[] step(Tensor x, Tensor w1, Tensor w2, Tensor target) {
        try (Scope s = Scope.open()) {
            Tensor xg = x.detach().requiresGrad(true);
            Tensor h = Functional.conv2d(xg, w1, null, 1, 1);
            h = Functional.batchNorm(h, null, null, null, null, true, 0.1, 1e-5).relu();
            Tensor logits = Functional.conv2d(h, w2, null, 1, 0);
            Tensor loss = Functional.crossEntropy(logits, target).add(Functional.logSoftmax(logits, 1).mean());
            Tensor[] g = Grad.grad(loss, xg);
            float[] gx = g[0].toFloatArray(), out = new float[gx.length + 1];
            out[0] = loss.item();
            System.arraycopy(gx, 0, out, 1, gx.length);
            return out;
        }
    }

    @Test
    void coldAndWarmRunsAndAPoisonedPoolGiveTheSameBits() {
        for (boolean scalar : new boolean[]{false, true}) {
            boolean prev = CpuSettings.setScalar(scalar);
            try {
                Generator g = new Generator(3);
                Tensor x = Tensor.randn(g, 4, 8, 12, 12), w1 = Tensor.randn(g, 16, 8, 3, 3).mul(0.2);
                Tensor w2 = Tensor.randn(g, 100, 16, 1, 1).mul(0.3);
                Tensor target = Tensor.randint(g, 100, 4, 12, 12).to(DType.INT32);
                float[] cold = step(x, w1, w2, target);
                for (int i = 0; i < 400; i++) step(x, w1, w2, target);
                assertArrayEquals(cold, step(x, w1, w2, target), (scalar ? "scalar" : "vector") + " path: warm run");
                boolean poisoned = CpuSettings.setPoisonPool(true);
                try {
                    step(x, w1, w2, target); // fills the pool with NaN-poisoned arrays of exactly this step's sizes
                    assertArrayEquals(cold, step(x, w1, w2, target), (scalar ? "scalar" : "vector") + " path: poisoned pool");
                } finally {
                    CpuSettings.setPoisonPool(poisoned);
                }
            } finally {
                CpuSettings.setScalar(prev);
            }
        }
    }
}
