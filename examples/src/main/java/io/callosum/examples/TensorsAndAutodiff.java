package io.callosum.examples;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

/** Tensors, broadcasting and reverse-mode autodiff: fit y = 3x − 2 by gradient descent, then a second derivative. */
public final class TensorsAndAutodiff {
    public static void main(String[] args) {
        Generator g = new Generator(42);                                    // every random draw takes a seeded generator
        Tensor x = Tensor.rand(g, 256, 1).mul(4).sub(2);                    // 256 points in [-2, 2)
        Tensor y = x.mul(3).sub(2).add(Tensor.randn(g, 256, 1).mul(0.1));   // y = 3x − 2 + noise

        Tensor w = Tensor.zeros(1, 1).requiresGrad(true);                   // leaves that collect gradients
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        for (int step = 0; step < 100; step++) {
            try (Scope s = Scope.open()) {                                  // frees this step's tensors at once
                Tensor loss = x.matmul(w).add(b).sub(y).square().mean();    // [256,1]·[1,1] + [1] broadcasts
                w.zeroGrad();
                b.zeroGrad();
                loss.backward();                                            // fills w.grad() and b.grad()
                try (Grad.Guard ng = Grad.disabled()) {                     // the update is not recorded
                    w.addInPlace(w.grad(), -0.1);
                    b.addInPlace(b.grad(), -0.1);
                }
                if (step % 25 == 0) System.out.printf("step %2d: loss %.4f%n", step, loss.item());
            }
        }
        System.out.printf("w = %.3f, b = %.3f (true values 3 and -2)%n", w.item(), b.item());

        Tensor t = Tensor.scalar(2).requiresGrad(true);
        Tensor dy = Grad.grad(t.pow(3), Tensor.scalar(1), true, t)[0];      // d(t³)/dt = 3t², kept differentiable
        Tensor d2y = Grad.grad(dy, t)[0];                                   // d²(t³)/dt² = 6t
        System.out.printf("at t = 2: d/dt t^3 = %.1f, d2/dt2 t^3 = %.1f%n", dy.item(), d2y.item());
    }
}
