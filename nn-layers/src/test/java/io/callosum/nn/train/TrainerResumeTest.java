package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Image;
import io.callosum.nn.data.transforms.GaussianNoise;
import io.callosum.nn.layers.Dropout;
import io.callosum.nn.layers.Flatten;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.nn.losses.CrossEntropyLoss;
import io.callosum.nn.optim.Adam;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run checkpointed every 7 steps and killed at step 9 (mid-epoch 1), then resumed in fresh objects, ends with the
 * same parameters, bit for bit, and the same loss history as an uninterrupted run: shuffling, per-item transforms,
 * dropout's generator and Adam's state all continue where they were.
 */
class TrainerResumeTest {
    static final int EPOCHS = 3;

    /** 20 one-pixel 3-channel images, label = i mod 2. */
    static final Dataset DATA = new Dataset() {
        @Override public int size() { return 20; }
        @Override public int numClasses() { return 2; }
        @Override public String name() { return "resume-test"; }
        @Override public int label(int i) { return i % 2; }

        @Override
        public Image image(int i) {
            return new Image(3, 1, 1, new float[]{i / 20f, (i % 2) * 0.5f + 0.1f, ((i * 7) % 5) / 5f});
        }
    };

    /** A fresh model, optimizer and trainer, built the same way each time. */
    record Run(Module model, Trainer trainer) {
        static Run create(Callback... callbacks) {
            Generator init = new Generator(4), dropout = new Generator(5);
            Module model = new Sequential(new Flatten(), new Linear(3, 8, init), new ReLU(), new Dropout(0.3, dropout), new Linear(8, 2, init));
            Trainer.Builder b = Trainer.builder(model, new Adam(model.parameters(), 1e-2), TrainStep.classifier(model, new CrossEntropyLoss()))
                    .epochs(EPOCHS).trainTopK(1).rng(dropout);
            for (Callback c : callbacks) b.callback(c);
            return new Run(model, b.build());
        }

        void fit() {
            try (DataLoader loader = DataLoader.builder(DATA).batchSize(4).shuffle(true).seed(11).transform(new GaussianNoise(0.05, false)).build()) {
                trainer.fit(loader);
            }
        }
    }

    /** Runs with a checkpoint every 7 steps until a crash at step 9; the file holds step 7. */
    static Path checkpointAtStep7(Path dir) {
        Path ckpt = dir.resolve("ckpt.safetensors");
        Callback kill = new Callback() {
            @Override
            public void onStepEnd(Trainer t, StepEnd s) {
                if (s.globalStep() == 9) throw new IllegalStateException("killed");
            }
        };
        Run killed = Run.create(CheckpointCallback.everySteps(ckpt, 7), kill);
        assertThrows(IllegalStateException.class, killed::fit);
        return ckpt;
    }

    @Test
    void resumeMidEpochIsBitIdentical(@TempDir Path dir) throws Exception {
        Run clean = Run.create();
        clean.fit();

        Run resumed = Run.create();
        resumed.trainer().resume(checkpointAtStep7(dir));
        assertEquals(7, resumed.trainer().globalStep());
        assertEquals(1, resumed.trainer().epochsDone());
        assertEquals(2, resumed.trainer().stepInEpoch(), "5 steps per epoch: step 7 is 2 into epoch 1");
        resumed.fit();

        assertEquals(clean.trainer().stepLosses(), resumed.trainer().stepLosses());
        assertEquals(clean.trainer().epochLosses(), resumed.trainer().epochLosses());
        Map<String, Tensor> a = clean.model().stateDict(), b = resumed.model().stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.get(k).toFloatArray(), k));
    }

    @Test
    void withoutTheGeneratorTheResumedRunDiverges(@TempDir Path dir) throws Exception {
        // the control for the test above: dropout's generator not restored (the trainer has no rng) gives other losses
        Run clean = Run.create();
        clean.fit();
        Generator init = new Generator(4);
        Module model = new Sequential(new Flatten(), new Linear(3, 8, init), new ReLU(), new Dropout(0.3, new Generator(5)), new Linear(8, 2, init));
        Trainer t = Trainer.builder(model, new Adam(model.parameters(), 1e-2), TrainStep.classifier(model, new CrossEntropyLoss())).epochs(EPOCHS).build();
        t.resume(checkpointAtStep7(dir));
        try (DataLoader loader = DataLoader.builder(DATA).batchSize(4).shuffle(true).seed(11).transform(new GaussianNoise(0.05, false)).build()) {
            t.fit(loader);
        }
        assertEquals(clean.trainer().stepLosses().subList(0, 7), t.stepLosses().subList(0, 7), "the history up to the checkpoint");
        assertNotEquals(clean.trainer().stepLosses(), t.stepLosses());
    }

    @Test
    void aCheckpointWithBrokenCountersChangesNothing(@TempDir Path dir) throws Exception {
        Run source = Run.create();
        Path bad = dir.resolve("bad.safetensors");
        io.callosum.nn.io.Checkpoint.save(bad, source.model(), source.trainer().optimizer(), 3, 0, new Generator(5),
                Map.of("step_in_epoch", "three"));
        Run target = Run.create();
        Map<String, float[]> before = new java.util.HashMap<>();
        try (var ng = io.callosum.tensor.Grad.disabled()) {
            target.model().stateDict().forEach((k, t) -> t.fill(0.25)); // differs from the file's values
        }
        target.model().stateDict().forEach((k, t) -> before.put(k, t.toFloatArray()));
        io.callosum.nn.io.CheckpointException e = assertThrows(io.callosum.nn.io.CheckpointException.class, () -> target.trainer().resume(bad));
        assertTrue(e.getMessage().contains("three"), e.getMessage());
        target.model().stateDict().forEach((k, t) -> assertArrayEquals(before.get(k), t.toFloatArray(), k + " unchanged"));
        assertEquals(0, target.trainer().globalStep());
    }
}
