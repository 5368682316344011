package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plain backward frees each gradient it created as soon as nothing pending needs it, and never a tensor it did not
 * create or one the caller gets back.
 */
class AutogradMemoryTest {
    /** Identity op whose rule records the gradient it received and whether the previously seen one was closed by then. */
    private static final class Spy {
        final List<Tensor> seen = new ArrayList<>();
        final List<Boolean> previousClosedOnEntry = new ArrayList<>();

        Tensor apply(Tensor x) {
            Tensor out = x.mul(1.0);
            return Autograd.record("spy", out, g -> {
                if (!seen.isEmpty()) previousClosedOnEntry.add(seen.get(seen.size() - 1).isClosed());
                seen.add(g);
                return new Tensor[]{g.mul(1.0)};
            }, x);
        }
    }

    @Test
    void eachGradientIsClosedBeforeTheNextLayerRuns() {
        Spy spy = new Spy();
        try (Scope step = Scope.open()) {
            Tensor x = Scope.escape(Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true));
            Tensor h1 = spy.apply(x.mul(2));
            Tensor h2 = spy.apply(h1.exp());
            Tensor h3 = spy.apply(h2.mul(3));
            h3.sum().backward();
            assertArrayEquals(new Object[]{true, true}, spy.previousClosedOnEntry.toArray(),
                    "the gradient of the layer above must be freed before the layer below runs its rule");
            for (Tensor g : spy.seen) assertTrue(g.isClosed(), "a spent gradient is closed when backward returns");
            for (Tensor t : new Tensor[]{h1, h2, h3}) assertFalse(t.isClosed(), "forward tensors belong to the caller");
            float[] g = x.grad().toFloatArray();
            for (int i = 0; i < 3; i++) assertTrue(Math.abs(g[i] - 6 * Math.exp(2 * (i + 1))) < 1e-2 * Math.exp(2 * (i + 1)), "d/dx 3e^{2x}");
        }
    }

    @Test
    void aGradientSentToTwoInputsOrAForwardTensorHandedBackStaysOpen() {
        try (Scope step = Scope.open()) {
            Tensor x = Tensor.of(new float[]{1, -2}, 2).requiresGrad(true);
            Tensor c = Tensor.of(new float[]{5, 7}, 2);
            // a rule that hands back a tensor the caller owns (c) and, for its second input, the gradient itself
            Tensor y = Autograd.record("odd", x.add(x), g -> new Tensor[]{c, g}, x, x);
            Tensor z = y.add(y).sum(); // add's rule sends one gradient to both of its inputs
            z.backward();
            assertFalse(c.isClosed(), "a tensor the pass did not create is never closed");
            assertArrayEquals(new float[]{7, 9}, c.add(2).toFloatArray());
            assertArrayEquals(new float[]{5 + 2, 7 + 2}, x.grad().toFloatArray());
        }
    }

    @Test
    void retainedGradientsGradResultsAndSecondOrderGraphsSurvive() {
        try (Scope step = Scope.open()) {
            Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
            Tensor h = x.mul(3).retainGrad();
            Tensor loss = h.square().sum();
            loss.backward(null, true, false);
            assertArrayEquals(new float[]{6, 12}, h.grad().toFloatArray());
            loss.backward(null, true, false);
            assertArrayEquals(new float[]{36, 72}, x.grad().toFloatArray(), "a retained graph runs twice");

            Tensor[] g = Grad.grad(x.square().mul(x).sum(), x); // 3x²
            assertArrayEquals(new float[]{3, 12}, g[0].toFloatArray());
            Tensor[] first = Grad.grad(x.square().mul(x).sum(), null, true, x);
            Tensor[] second = Grad.grad(first[0].sum(), x); // 6x
            assertArrayEquals(new float[]{6, 12}, second[0].toFloatArray());
        }
    }
}
