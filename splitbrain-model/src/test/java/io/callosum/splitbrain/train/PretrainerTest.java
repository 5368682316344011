package io.callosum.splitbrain.train;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PretrainerTest {
    static Pretrainer tiny(long seed, int steps) {
        ExperimentConfig cfg = Preset.PAPER.config().withPretrain(new Budget(OptimizerKind.ADAM, 3e-3, 1.0, 0, 8, 1, steps)).withSeed(seed);
        return new Pretrainer(cfg, Placement.CPU);
    }

    /** Repeated steps on one fixed batch must drive CE(A) + CE(B) down: the gradients reach both halves. */
    @Test
    void lossDecreasesOnAFixedBatch() {
        Pretrainer p = tiny(3, 0);
        Tensor rgb = batch(SyntheticColorDataset.standard(8, 5, false));
        double first = 0, last = 0;
        for (int step = 0; step < 12; step++) {
            p.optimizer().zeroGrad();
            Tensor loss = p.loss(rgb);
            loss.backward();
            p.optimizer().step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
        assertTrue(first > Math.log(100), "two 100-way cross-entropies start near 2·ln 100: " + first);
    }

    @Test
    void trainingIsDeterministicFromTheSeed() {
        SyntheticColorDataset data = SyntheticColorDataset.standard(16, 7, false);
        List<Double> a = run(data, 11), b = run(data, 11), c = run(data, 12);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    /** A checkpoint written mid-epoch (step 3 of 4 in epoch 1) resumes to the uninterrupted run's weights, bit for bit. */
    @Test
    void resumeFromAMidEpochCheckpointIsBitIdentical(@TempDir Path dir) throws Exception {
        SyntheticColorDataset data = SyntheticColorDataset.standard(32, 7, false);
        ExperimentConfig cfg = Preset.PAPER.config().withPretrain(new Budget(OptimizerKind.ADAM, 3e-3, 0.5, 0, 8, 2, 0)).withSeed(5);
        Pretrainer clean = new Pretrainer(cfg, Placement.CPU);
        clean.train(data, TrainListener.SILENT, null);

        Path ckpt = dir.resolve("mid.safetensors");
        Pretrainer killed = new Pretrainer(cfg, Placement.CPU);
        TrainListener checkpointThenCrash = new TrainListener() {
            @Override
            public void onStepEnd(Trainer t, StepEnd s) {
                try {
                    if (s.globalStep() == 6) killed.saveCheckpoint(ckpt);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (s.globalStep() == 7) throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> killed.train(data, checkpointThenCrash, null));

        Pretrainer resumed = new Pretrainer(cfg, Placement.CPU);
        resumed.resume(ckpt);
        assertEquals(2, resumed.loop().stepInEpoch());
        resumed.train(data, TrainListener.SILENT, null);
        assertEquals(clean.loop().stepLosses(), resumed.loop().stepLosses());
        assertEquals(clean.loop().epochLosses(), resumed.loop().epochLosses());
        Map<String, Tensor> a = clean.net().stateDict(), b = resumed.net().stateDict();
        a.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.get(k).toFloatArray(), k));
    }

    private static List<Double> run(SyntheticColorDataset data, long seed) {
        Pretrainer p = tiny(seed, 2);
        p.train(data, TrainListener.SILENT, null);
        return p.loop().stepLosses();
    }

    private static Tensor batch(SyntheticColorDataset d) {
        Tensor[] imgs = new Tensor[d.size()];
        for (int i = 0; i < d.size(); i++) imgs[i] = d.image(i).toTensor();
        return Tensor.stack(0, imgs);
    }
}
