package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.TensorBatches;
import io.callosum.nn.optim.SGD;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The epoch metrics a trainer reports, against planted logits counted by hand. */
class TrainerMetricsTest {
    /** Passes its input through as logits, plus a parameter with a zero-weighted loss so there is something to train. */
    static final class PassThrough extends Module {
        PassThrough() {
            registerParameter("p", Tensor.zeros(1));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    @Test
    void trainingAndValidationTopKAndTheMeanLoss() {
        float[] logits = {
                0.9f, 0.1f, 0.0f, // label 0: rank 0
                0.1f, 0.2f, 0.7f, // label 1: rank 1
                0.5f, 0.5f, 0.0f, // label 1: rank 1 (tie, class 0 first)
                0.1f, 0.2f, 0.3f, // label 0: rank 2
                0.0f, 0.0f, 1.0f, // label 2: rank 0
        };
        int[] labels = {0, 1, 1, 0, 2};
        PassThrough model = new PassThrough();
        TensorBatches data = TensorBatches.inOrder(Tensor.of(logits, 5, 3), labels, 2);
        TrainStep step = (x, y, s) -> new TrainStep.Output(x.sum().add(model.parameter("p").sum().mul(0)), model.forward(x));
        List<Map<String, Double>> seen = new ArrayList<>();
        Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), step).epochs(2).trainTopK(1, 2).validation(data, 1, 3).build();
        t.fit(data, new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochEnd e) {
                seen.add(e.metrics());
            }
        });
        assertEquals(2, seen.size());
        for (Map<String, Double> m : seen) {
            assertEquals(List.of("loss", "top1", "top2", "val_top1", "val_top3"), List.copyOf(m.keySet()));
            assertEquals(0.4, m.get("top1"), 0, "rows 0 and 4; the counts restart each epoch");
            assertEquals(0.8, m.get("top2"), 0);
            assertEquals(0.4, m.get("val_top1"), 0);
            assertEquals(1.0, m.get("val_top3"), 0);
            // batches: rows 0–1 (sum 2.0), rows 2–3 (sum 1.6), row 4 (sum 1.0): the mean of the step losses
            assertEquals((2.0 + 1.6 + 1.0) / 3, m.get("loss"), 1e-6);
        }
    }

    @Test
    void trainTopKWithoutLogitsIsAClearError() {
        PassThrough model = new PassThrough();
        Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), TrainStep.of((x, y, s) -> model.parameter("p").sum().add(1)))
                .phase("probe").trainTopK(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.fit(TensorBatches.inOrder(Tensor.zeros(2, 3), new int[2], 2)));
        assertTrue(e.getMessage().startsWith("probe: training top-k") && e.getMessage().contains("TrainStep.classifier"), e.getMessage());
        assertEquals(0f, model.parameter("p").item(), "thrown before the weights change");
    }
}
