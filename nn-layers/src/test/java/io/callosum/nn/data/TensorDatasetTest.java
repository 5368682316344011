package io.callosum.nn.data;

import io.callosum.nn.layers.Linear;
import io.callosum.nn.losses.CrossEntropyLoss;
import io.callosum.nn.optim.SGD;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * TensorDataset rows batched by a SampleLoader: the default stacking collate, a custom collate making a record,
 * seeded shuffling that does not depend on the worker count, the last partial batch, and clear errors.
 */
class TensorDatasetTest {
    /** x[i] = (i, 10 i, 100 i) as floats, y[i] = i (INT32): every batch can be checked against its indices. */
    private static TensorDataset rows(int n) {
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.of(x, n, 3), Tensor.of(y, n));
    }

    /** The y values (= row indices) of every batch of one epoch, checking that x matches y row by row. */
    private static List<List<Integer>> epoch(SampleLoader<TensorBatch> loader) {
        List<List<Integer>> out = new ArrayList<>();
        for (TensorBatch b : loader) {
            try (b) {
                assertEquals(2, b.tensors().size());
                assertEquals(DType.INT32, b.get(1).dtype());
                int[] y = b.get(1).toIntArray();
                float[] x = b.get(0).toFloatArray();
                assertArrayEquals(new int[]{y.length, 3}, b.get(0).shape());
                List<Integer> ids = new ArrayList<>();
                for (int k = 0; k < y.length; k++) {
                    assertArrayEquals(new float[]{y[k], 10 * y[k], 100 * y[k]}, Arrays.copyOfRange(x, 3 * k, 3 * k + 3), "row of sample " + y[k]);
                    ids.add(y[k]);
                }
                out.add(ids);
            }
        }
        return out;
    }

    @Test
    void inOrderBatchesKeepOrDropTheLastPartialBatch() {
        TensorDataset data = rows(10);
        assertEquals(10, data.size());
        try (SampleLoader<TensorBatch> keep = DataLoader.builder(data, TensorDataset.stack()).batchSize(4).build();
             SampleLoader<TensorBatch> drop = DataLoader.builder(data, TensorDataset.stack()).batchSize(4).dropLast(true).build()) {
            assertEquals(3, keep.batchesPerEpoch());
            assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), epoch(keep));
            assertEquals(2, drop.batchesPerEpoch());
            assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7)), epoch(drop));
        }
    }

    @Test
    void shuffledEpochsFollowTheSeedWhateverTheWorkerCount() {
        TensorDataset data = rows(23);
        List<List<List<Integer>>> byWorkers = new ArrayList<>();
        for (int workers : new int[]{0, 3}) {
            try (SampleLoader<TensorBatch> loader = DataLoader.builder(data, TensorDataset.stack()).batchSize(5).shuffle(true).seed(7)
                    .workers(workers).build()) {
                List<List<Integer>> e0 = epoch(loader), e1 = epoch(loader);
                assertNotEquals(e0, e1, "each epoch draws its own order");
                assertEquals(e0, epoch(loaderReplay(loader, 0)), "epoch 0 replays");
                List<Integer> all = new ArrayList<>();
                e0.forEach(all::addAll);
                all.sort(null);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < 23; i++) expected.add(i);
                assertEquals(expected, all, "an epoch visits every row once");
                assertEquals(3, e0.get(4).size(), "23 rows in batches of 5: the last holds 3");
                byWorkers.add(List.of(e0.get(0), e1.get(0)));
            }
        }
        assertEquals(byWorkers.get(0), byWorkers.get(1), "3 workers give the batches of 0 workers");
        try (SampleLoader<TensorBatch> other = DataLoader.builder(data, TensorDataset.stack()).batchSize(5).shuffle(true).seed(8).build()) {
            assertNotEquals(byWorkers.get(0).get(0), epoch(other).get(0), "another seed, another order");
        }
    }

    private static SampleLoader<TensorBatch> loaderReplay(SampleLoader<TensorBatch> loader, int epoch) {
        loader.setNextEpoch(epoch);
        return loader;
    }

    /** A batch shaped as the model wants it: a record of named tensors, built by a collate of one's own. */
    record Pairs(Tensor inputs, Tensor targets, Tensor sums) {
    }

    @Test
    void customCollateBuildsARecordOfTensorsOnWorkers() {
        TensorDataset data = rows(9);
        Collate<List<Tensor>, Pairs> collate = samples -> {
            List<Tensor> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (List<Tensor> s : samples) {
                xs.add(s.get(0));
                ys.add(s.get(1));
            }
            Tensor x = Scope.escape(Tensor.stack(xs, 0));
            return new Pairs(x, Scope.escape(Tensor.stack(ys, 0)), Scope.escape(x.sum(1, false)));
        };
        List<Integer> seen = new ArrayList<>();
        try (SampleLoader<Pairs> loader = DataLoader.builder(data, collate).batchSize(2).workers(2).build()) {
            for (Pairs p : loader) {
                int[] y = p.targets().toIntArray();
                float[] sums = p.sums().toFloatArray();
                for (int k = 0; k < y.length; k++) {
                    assertEquals(111f * y[k], sums[k], "sum of row " + y[k]);
                    seen.add(y[k]);
                }
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), seen);
    }

    @Test
    void imageDatasetsAreSamplesToo() {
        Dataset images = new Dataset() {
            public int size() { return 3; }
            public int numClasses() { return 2; }
            public String name() { return "three"; }
            public Image image(int index) { return new Image(1, 1, 1, new float[]{index}); }
            public int label(int index) { return index % 2; }
        };
        Collate<Example, int[]> labels = samples -> samples.stream().mapToInt(Example::label).toArray();
        try (SampleLoader<int[]> loader = DataLoader.builder(images, labels).batchSize(3).build()) {
            assertArrayEquals(new int[]{0, 1, 0}, loader.iterator().next());
        }
    }

    @Test
    void badInputFailsNamingTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(5)));
        assertEquals("TensorDataset: every tensor needs the same size in dim 0, got shapes [4, 2], [5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("needs a dim 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, TensorDataset::new);
        assertThrows(IndexOutOfBoundsException.class, () -> rows(3).get(3));

        Collate<List<Tensor>, Object> failing = samples -> {
            throw new IllegalStateException("no batch for you");
        };
        try (SampleLoader<Object> loader = DataLoader.builder(rows(4), failing).batchSize(2).build()) {
            DataLoaderException d = assertThrows(DataLoaderException.class, () -> loader.iterator().next());
            assertTrue(d.getMessage().contains("DataLoader over TensorDataset([4, 3], [4])") && d.getMessage().contains("no batch for you")
                    && d.getMessage().contains("batch 0"), d.getMessage());
        }
    }

    @Test
    void aTrainerFitsATensorDatasetThroughTheLoader() {
        int n = 40;
        Generator g = new Generator(3);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double centre = y[i] == 0 ? -2 : 2;
            x[2 * i] = (float) (centre + 0.5 * g.nextGaussian());
            x[2 * i + 1] = (float) (centre + 0.5 * g.nextGaussian());
        }
        TensorDataset data = new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y, n));
        try (SampleLoader<TensorBatch> loader = DataLoader.builder(data, TensorDataset.stack()).batchSize(8).shuffle(true).seed(4)
                .workers(1).build()) {
            BatchSource source = loader.asBatchSource(b -> b.get(0), b -> b.get(1));
            assertEquals(5, source.batchesPerEpoch());
            List<Integer> visited = new ArrayList<>();
            for (Batch b : source.epoch(2)) {
                try (b) {
                    int[] labels = b.labels().toIntArray();
                    for (int k = 0; k < b.size(); k++) {
                        visited.add(b.indices()[k]);
                        assertEquals(y[b.indices()[k]], labels[k], "the label of the sample the index names");
                    }
                }
            }
            assertEquals(Arrays.stream(loader.order(2)).boxed().toList(), visited, "indices follow the epoch's order");

            Linear model = new Linear(2, 2, new Generator(5));
            Trainer trainer = Trainer.builder(model, new SGD(model.parameters(), 0.5), TrainStep.classifier(model, new CrossEntropyLoss()))
                    .epochs(5).build();
            double before = trainer.evaluate(source, 1).top(1);
            trainer.fit(source);
            double after = trainer.evaluate(source, 1).top(1);
            assertTrue(after >= 0.95 && after > before, "separable blobs: top-1 " + before + " before training, " + after + " after");
        }
    }
}
