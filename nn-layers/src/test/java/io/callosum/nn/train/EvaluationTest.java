package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.TensorBatches;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** evaluate() against top-k counted by hand on planted logits, over batches with a short last one. */
class EvaluationTest {
    /** Returns its input as the logits, and remembers the mode it ran in. */
    static final class Identity extends Module {
        boolean ranInEval;

        @Override
        public Tensor forward(Tensor x) {
            ranInEval = !isTraining();
            return x;
        }
    }

    @Test
    void topKMatchesAHandCount() {
        float[] logits = {
                0.9f, 0.1f, 0.0f, 0.0f, // label 0: rank 0
                0.1f, 0.2f, 0.7f, 0.0f, // label 1: rank 1 (class 2 higher)
                0.5f, 0.5f, 0.0f, 0.0f, // label 1: rank 1 (tie with class 0, which comes first)
                0.1f, 0.2f, 0.3f, 0.4f, // label 0: rank 3
                0.0f, 0.0f, 0.0f, 1.0f, // label 3: rank 0
        };
        int[] labels = {0, 1, 1, 0, 3};
        Identity model = new Identity();
        Trainer t = Trainer.builder(model, new io.callosum.nn.optim.SGD(java.util.List.of(Tensor.zeros(1).requiresGrad(true)), 0.1),
                TrainStep.of((x, y, s) -> x.sum())).build();
        Evaluation e = t.evaluate(TensorBatches.inOrder(Tensor.of(logits, 5, 4), labels, 2), 1, 2, 4);
        assertEquals(5, e.total());
        assertEquals(2, e.correct(1)); // rows 0, 4
        assertEquals(4, e.correct(2)); // + rows 1, 2
        assertEquals(5, e.correct(4));
        assertEquals(0.4, e.top(1), 0);
        assertTrue(model.ranInEval, "evaluated in eval mode");
        assertTrue(model.isTraining(), "the previous mode is restored");
        assertThrows(IllegalArgumentException.class, () -> e.top(5), "k not evaluated");
    }

    @Test
    void nonLogitOutputIsRejected() {
        Identity model = new Identity();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(model, TensorBatches.inOrder(Tensor.zeros(2, 3, 4), new int[2], 2), Device.CPU, 1));
        assertTrue(e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
}
