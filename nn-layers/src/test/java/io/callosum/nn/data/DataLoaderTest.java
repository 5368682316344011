package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Compose;
import io.callosum.nn.data.transforms.GaussianNoise;
import io.callosum.nn.data.transforms.HorizontalFlip;
import io.callosum.nn.data.transforms.RandomResizedCrop;
import io.callosum.nn.data.transforms.Transform;
import io.callosum.tensor.DType;
import io.callosum.tensor.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DataLoaderTest {
    private static final Transform AUGMENT = Compose.of(
            RandomResizedCrop.of(6, 0.3, 0.75), new HorizontalFlip(), new GaussianNoise(0.1));

    /** What a batch holds, copied out of its tensors. */
    record Snapshot(float[] images, int[] shape, int[] labels, int[] indices) {
        static Snapshot of(Batch b) {
            try (b) {
                assertEquals(DType.FLOAT32, b.images().dtype());
                assertEquals(DType.INT32, b.labels().dtype());
                return new Snapshot(b.images().toFloatArray(), b.images().shape(), b.labels().toIntArray(), b.indices());
            }
        }

        void assertSame(Snapshot o, String where) {
            assertArrayEquals(indices, o.indices, where + ": indices");
            assertArrayEquals(shape, o.shape, where + ": shape");
            assertArrayEquals(labels, o.labels, where + ": labels");
            assertArrayEquals(images, o.images, where + ": images");
        }
    }

    private static List<Snapshot> drain(Iterable<Batch> epoch) {
        List<Snapshot> out = new ArrayList<>();
        for (Batch b : epoch) out.add(Snapshot.of(b));
        return out;
    }

    private static List<Thread> dataThreads() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.isAlive() && t.getName().startsWith("callosum-data-")) out.add(t);
        return out;
    }

    @AfterEach
    void noWorkerOutlivesItsTest() {
        assertEquals(List.of(), dataThreads(), "worker threads left running");
    }

    @Test
    void batchesHoldTheDatasetItems() {
        SyntheticDataset ds = new SyntheticDataset(10);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(4).build()) {
            List<Snapshot> batches = drain(loader);
            assertEquals(3, batches.size());
            int next = 0;
            for (Snapshot s : batches) {
                for (int k = 0; k < s.indices.length; k++, next++) {
                    assertEquals(next, s.indices[k]);
                    assertEquals(next % 10, s.labels[k]);
                    float[] expected = ds.image(next).data();
                    assertArrayEquals(expected, Arrays.copyOfRange(s.images, k * 192, (k + 1) * 192));
                }
            }
            assertArrayEquals(new int[]{4, 3, 8, 8}, batches.get(0).shape);
        }
    }

    @Test
    void partialLastBatchIsKeptOrDropped() {
        SyntheticDataset ds = new SyntheticDataset(10);
        try (DataLoader keep = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(3).workers(2).build();
             DataLoader drop = DataLoader.builder(ds).batchSize(4).shuffle(true).seed(3).dropLast(true).workers(2).build()) {
            assertEquals(3, keep.batchesPerEpoch());
            assertEquals(2, drop.batchesPerEpoch());
            List<Snapshot> kept = drain(keep);
            assertEquals(List.of(4, 4, 2), kept.stream().map(s -> s.indices.length).toList());
            assertArrayEquals(new int[]{2, 3, 8, 8}, kept.get(2).shape);
            List<Snapshot> dropped = drain(drop);
            assertEquals(List.of(4, 4), dropped.stream().map(s -> s.indices.length).toList());
            kept.get(0).assertSame(dropped.get(0), "same seed, same first batch");
        }
    }

    @Test
    void aBatchSizeNearIntMaxRunsOneBatchOfTheWholeDataset() {
        SyntheticDataset ds = new SyntheticDataset(10);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(Integer.MAX_VALUE).shuffle(true).seed(5).build();
             DataLoader drop = DataLoader.builder(ds).batchSize(Integer.MAX_VALUE).dropLast(true).build()) {
            assertEquals(1, loader.batchesPerEpoch(), "(n + batch − 1) / batch overflowed to a negative count");
            List<Snapshot> batches = drain(loader);
            assertEquals(1, batches.size());
            assertEquals(10, batches.get(0).indices.length);
            assertEquals(0, drop.batchesPerEpoch(), "10 items never fill a batch of 2³¹−1");
        }
        for (int n : new int[]{0, 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
            for (int b : new int[]{1, 2, 3, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
                long exactCeil = ((long) n + b - 1) / b;
                assertEquals(exactCeil, SampleLoader.batchesPerEpoch(n, b, false), n + " items, batch " + b);
                assertEquals((long) n / b, SampleLoader.batchesPerEpoch(n, b, true), n + " items, batch " + b + ", drop last");
            }
        }
    }

    @Test
    void aDatasetTooLargeForItsOrderArrayIsRefusedAtBuild() {
        Dataset huge = new Dataset() { // like --unlabelled 2147483647 of a generated dataset
            @Override public int size() { return Integer.MAX_VALUE; }
            @Override public int numClasses() { return 1; }
            @Override public String name() { return "generated"; }
            @Override public Image image(int index) { return Image.zeros(1, 2, 2); }
            @Override public int label(int index) { return 0; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(huge).build());
        assertTrue(e.getMessage().startsWith("DataLoader over " + huge.name() + ": 2147483647 items need a 8191 MiB order array"),
                e.getMessage());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> SampleLoader.checkOrderFits(300_000_000, "big", 4L << 30));
        assertEquals("DataLoader over big: 300000000 items need a 1144 MiB order array per epoch, more than a quarter of "
                + "the 4096 MiB heap; use fewer items (or a larger -Xmx)", heap.getMessage());
        SampleLoader.checkOrderFits(200_000_000, "fits", 4L << 30);
    }

    @Test
    void identicalOutputFor0_1_and3Workers() {
        SyntheticDataset ds = new SyntheticDataset(37);
        List<List<Snapshot>> runs = new ArrayList<>();
        for (int workers : new int[]{0, 1, 3}) {
            try (DataLoader loader = DataLoader.builder(ds).batchSize(5).shuffle(true).seed(1234).transform(AUGMENT)
                    .workers(workers).prefetch(2).build()) {
                List<Snapshot> all = new ArrayList<>(drain(loader));
                all.addAll(drain(loader));
                runs.add(all);
            }
        }
        assertEquals(16, runs.get(0).size());
        for (int r = 1; r < runs.size(); r++) {
            for (int b = 0; b < runs.get(0).size(); b++) runs.get(0).get(b).assertSame(runs.get(r).get(b), "run " + r + " batch " + b);
        }
        assertArrayEquals(new int[]{5, 3, 6, 6}, runs.get(0).get(0).shape);
    }

    @Test
    void shufflingIsAPermutationThatChangesPerEpochAndReplays() {
        SyntheticDataset ds = new SyntheticDataset(50);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(7).shuffle(true).seed(99).workers(2).build();
             DataLoader again = DataLoader.builder(ds).batchSize(7).shuffle(true).seed(99).build();
             DataLoader other = DataLoader.builder(ds).batchSize(7).shuffle(true).seed(100).build()) {
            int[] e0 = indices(drain(loader));
            int[] e1 = indices(drain(loader));
            int[] sorted = e0.clone();
            Arrays.sort(sorted);
            int[] all = new int[50];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, sorted, "each item exactly once per epoch");
            assertFalse(Arrays.equals(e0, e1), "epochs 0 and 1 must differ");
            assertFalse(Arrays.equals(e0, all), "shuffled order must differ from dataset order");
            assertArrayEquals(e0, indices(drain(again)), "same seed, same epoch 0");
            assertArrayEquals(e1, indices(drain(again)), "same seed, same epoch 1");
            assertArrayEquals(e1, indices(drain(loader.epoch(1))), "epoch(1) replays epoch 1");
            assertFalse(Arrays.equals(e0, indices(drain(other))), "another seed, another order");
            assertArrayEquals(e0, loader.order(0));
        }
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetOrder() {
        try (DataLoader loader = DataLoader.builder(new SyntheticDataset(9)).batchSize(2).workers(1).build()) {
            int[] expected = new int[9];
            Arrays.setAll(expected, i -> i);
            assertArrayEquals(expected, indices(drain(loader)));
            assertArrayEquals(expected, indices(drain(loader)));
        }
    }

    private static int[] indices(List<Snapshot> batches) {
        return batches.stream().flatMapToInt(s -> Arrays.stream(s.indices)).toArray();
    }

    @Test
    void prefetchBoundsTheWorkAhead() throws InterruptedException {
        SyntheticDataset ds = new SyntheticDataset(200, 1, 4, 1, -1, -1);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(5).workers(3).prefetch(2).build()) {
            EpochIterator<Batch> it = loader.iterator();
            awaitSteady(ds, 10, "2 batches of 5 ahead, no more");
            it.next().close();
            awaitSteady(ds, 15, "one batch taken, one more built");
        }
    }

    /** Waits (up to 10 s) for the load count to reach expected, then checks it stays there. */
    private static void awaitSteady(SyntheticDataset ds, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ds.loads.get() < expected && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(150);
        assertEquals(expected, ds.loads.get(), what);
    }

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 1, 3})
    void workerFailureReachesTheConsumerNamingTheItem(int workers) {
        SyntheticDataset ds = new SyntheticDataset(40, 1, 4, 0, 13, -1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (DataLoader loader = DataLoader.builder(ds).batchSize(4).workers(workers).build()) {
                EpochIterator<Batch> it = loader.iterator();
                for (int b = 0; b < 3; b++) Snapshot.of(it.next()); // items 0..11 are fine
                DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
                assertTrue(e.getMessage().startsWith("DataLoader over synthetic(40): item 13 (epoch 0, batch 3): "
                        + "/data/broken-13.png: record 13: cannot decode the image: planted fault"), e.getMessage());
                Throwable root = e;
                while (root.getCause() != null) root = root.getCause();
                assertInstanceOf(DatasetFormatException.class, root);
                assertFalse(it.hasNext());
                assertThrows(NoSuchElementException.class, it::next);
            }
        });
    }

    @Test
    void closingMidEpochStopsWorkersPromptly() throws InterruptedException {
        SyntheticDataset ds = new SyntheticDataset(400, 1, 4, 5, -1, -1);
        DataLoader loader = DataLoader.builder(ds).batchSize(4).workers(3).prefetch(3).build();
        EpochIterator<Batch> it = loader.iterator();
        Snapshot.of(it.next());
        Snapshot.of(it.next());
        assertEquals(3, dataThreads().size());
        long start = System.nanoTime();
        loader.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "close took " + millis + " ms");
        assertEquals(List.of(), dataThreads());
        int loads = ds.loads.get();
        Thread.sleep(100);
        assertEquals(loads, ds.loads.get(), "nothing is read after close");
        assertTrue(loads < 400);
        assertFalse(it.hasNext());
        assertThrows(IllegalStateException.class, loader::iterator);
    }

    @Test
    void abandoningAnEpochForTheNextOneStopsItsWorkers() {
        SyntheticDataset ds = new SyntheticDataset(100, 1, 4, 2, -1, -1);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(4).workers(2).build()) {
            for (Batch b : loader) {
                b.close();
                break; // leaves epoch 0 unfinished
            }
            EpochIterator<Batch> second = loader.iterator();
            assertEquals(1, second.epoch());
            assertTrue(dataThreads().stream().noneMatch(t -> t.getName().contains("-epoch0-")), "epoch 0 workers still running");
            Snapshot.of(second.next());
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedConsumer() throws Exception {
        SyntheticDataset ds = new SyntheticDataset(10, 1, 4, 400, -1, -1);
        DataLoader loader = DataLoader.builder(ds).batchSize(5).workers(1).build();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                loader.iterator().next();
                seen.set(new AssertionError("next() returned a batch"));
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        consumer.start();
        Thread.sleep(100);
        loader.close();
        consumer.join(5000);
        assertFalse(consumer.isAlive(), "consumer still blocked");
        assertInstanceOf(DataLoaderException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("was closed"), seen.get().getMessage());
    }

    @Test
    void takenBatchesAreNotRetainedByTheEpoch() throws InterruptedException {
        try (DataLoader loader = DataLoader.builder(new SyntheticDataset(40)).batchSize(4).workers(2).build()) {
            EpochIterator<Batch> it = loader.iterator();
            Batch first = it.next();
            java.lang.ref.WeakReference<float[]> pixels = new java.lang.ref.WeakReference<>(
                    ((io.callosum.tensor.cpu.memory.CpuStorage) io.callosum.tensor.internal.TensorInternals.storage(first.images())).floats());
            first.close();
            first = null;
            for (int i = 0; i < 20 && pixels.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertTrue(pixels.get() == null, "a taken batch is still reachable from the running epoch");
            assertTrue(it.hasNext());
        }
    }

    @Test
    void closingWhileAnotherThreadConsumesNeverHandsOutAClosedBatch() throws InterruptedException {
        SyntheticDataset ds = new SyntheticDataset(300, 1, 4, 0, -1, -1);
        java.util.Random timing = new java.util.Random(5);
        for (int round = 0; round < 100; round++) {
            DataLoader loader = DataLoader.builder(ds).batchSize(2).workers(2).prefetch(3).build();
            EpochIterator<Batch> it = loader.iterator();
            AtomicReference<Throwable> problem = new AtomicReference<>();
            Thread consumer = new Thread(() -> {
                try {
                    while (it.hasNext()) {
                        Batch b = it.next();
                        if (b.images().isClosed()) throw new AssertionError("received a closed batch");
                        b.close();
                    }
                } catch (DataLoaderException e) {
                    if (!e.getMessage().endsWith("was closed")) problem.set(e);
                } catch (NoSuchElementException e) {
                    // closed between hasNext() and next(): allowed
                } catch (Throwable t) {
                    problem.set(t);
                }
            });
            consumer.start();
            Thread.sleep(timing.nextInt(3));
            loader.close();
            consumer.join(10_000);
            assertFalse(consumer.isAlive(), "round " + round + ": consumer hangs");
            if (problem.get() != null) throw new AssertionError("round " + round, problem.get());
        }
    }

    @Test
    void imagesOfDifferentSizesInOneBatchAreNamed() {
        SyntheticDataset ds = new SyntheticDataset(8, 1, 4, 0, -1, 6);
        try (DataLoader loader = DataLoader.builder(ds).batchSize(4).workers(2).build()) {
            EpochIterator<Batch> it = loader.iterator();
            Snapshot.of(it.next());
            DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
            assertTrue(e.getMessage().contains("item 6 (epoch 0, batch 1): image of shape [1, 5, 5] cannot be stacked"), e.getMessage());
        }
    }

    @Test
    void batchesOutliveTheCallersScope() {
        try (DataLoader loader = DataLoader.builder(new SyntheticDataset(4)).batchSize(2).build()) {
            Batch b;
            try (Scope s = Scope.open()) {
                b = loader.iterator().next();
                assertEquals(0, s.size(), "the scope must not own the batch's tensors");
            }
            assertFalse(b.images().isClosed());
            assertNotNull(b.images().toFloatArray());
            b.close();
            assertTrue(b.images().isClosed());
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        SyntheticDataset ds = new SyntheticDataset(4);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).workers(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds).prefetch(0));
        try (DataLoader loader = DataLoader.builder(ds).build()) {
            assertThrows(IllegalArgumentException.class, () -> loader.setNextEpoch(-1));
        }
        if (!dataThreads().isEmpty()) fail("threads after invalid settings");
    }
}
