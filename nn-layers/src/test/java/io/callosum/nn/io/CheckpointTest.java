package io.callosum.nn.io;

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
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.optim.SGD;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    /** Conv + BatchNorm (with its INT32 counter) + pooling + linear: every kind of state a checkpoint carries. */
    static Sequential net(Generator g, int classes) {
        return new Sequential(Conv2d.builder(1, 4, 3).padding(1).generator(g).build(), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(4 * 3 * 3, classes, g));
    }

    /** One Adam step on a batch drawn from {@code data}: the run's randomness lives in that generator. */
    static void trainStep(Module model, Optimizer opt, Generator data) {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.randn(data, 4, 1, 6, 6);
            Tensor y = Tensor.randint(data, 3, 4);
            Tensor loss = new CrossEntropyLoss().apply(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
    }

    /** Bit patterns of every tensor of a state dict (floats as raw bits, so NaN and −0 count). */
    static Map<String, List<Integer>> bits(Map<String, Tensor> state) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        state.forEach((k, t) -> {
            int[] v = t.dtype() == DType.FLOAT32 ? rawBits(t.toFloatArray()) : t.toIntArray();
            out.put(k + " " + t.dtype() + Arrays.toString(t.shape()), Arrays.stream(v).boxed().toList());
        });
        return out;
    }

    private static int[] rawBits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }

    /** Everything a load may change: model state, optimizer state, step count and lr, generator state. */
    record Snapshot(Map<String, List<Integer>> model, Map<String, List<Integer>> optim, long steps, double lr, List<Byte> rng) {
        static Snapshot of(Module m, Optimizer o, Generator g) {
            byte[] state = g.saveState();
            Byte[] boxed = new Byte[state.length];
            for (int i = 0; i < state.length; i++) boxed[i] = state[i];
            return new Snapshot(bits(m.stateDict()), bits(o.stateDict()), o.steps(), o.lr(), List.of(boxed));
        }
    }

    // ------------------------------------------------------------------ round trip and resume

    @Test
    void roundTripRestoresModelOptimizerGeneratorAndInfo() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Adam optA = new Adam(a.parameters(), 0.01);
        Generator data = new Generator(5);
        for (int i = 0; i < 3; i++) trainStep(a, optA, data);
        optA.setLr(0.0037);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, a, optA, 3, 2, data, Map.of("dataset", "fashion-mnist", "note", "ünï"));

        Sequential b = net(new Generator(2), 3);
        Adam optB = new Adam(b.parameters(), 0.5);
        Generator dataB = new Generator(99);
        Checkpoint.Info info = Checkpoint.load(file, b, optB, dataB);
        assertEquals(3, info.step());
        assertEquals(2, info.epoch());
        assertEquals(Map.of("dataset", "fashion-mnist", "note", "ünï"), info.extra());
        assertEquals(Snapshot.of(a, optA, data), Snapshot.of(b, optB, dataB));
        assertEquals(3, b.stateDict().get("1.num_batches_tracked").item());
        assertEquals(data.nextLong(), dataB.nextLong(), "the generators continue the same stream");
    }

    @Test
    void modelOnlyCheckpointAndWeightsFromACheckpoint() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Path file = dir.resolve("model-only.safetensors");
        Checkpoint.save(file, a, null, 10, 0, null, null);
        Sequential b = net(new Generator(2), 3);
        Checkpoint.Info info = Checkpoint.load(file, b, null, null);
        assertEquals(new Checkpoint.Info(10, 0, Map.of()), info);
        assertEquals(bits(a.stateDict()), bits(b.stateDict()));

        Sequential c = net(new Generator(3), 3);
        Checkpoint.loadWeights(file, c); // the model part of a full checkpoint
        assertEquals(bits(a.stateDict()), bits(c.stateDict()));
    }

    @Test
    void loadingOnlyTheModelFromAFullCheckpointIgnoresOptimizerAndGenerator() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Adam opt = new Adam(a.parameters(), 0.01);
        trainStep(a, opt, new Generator(4));
        Path file = dir.resolve("full.safetensors");
        Checkpoint.save(file, a, opt, 1, 0, new Generator(4), null);
        Sequential b = net(new Generator(2), 3);
        Checkpoint.load(file, b, null, null);
        assertEquals(bits(a.stateDict()), bits(b.stateDict()));
    }

    /**
     * Train k steps, checkpoint, train to 2k; separately, restore the step-k checkpoint into a fresh model, optimizer
     * and generator and train to 2k: every parameter and buffer must be bit-identical.
     */
    @Test
    void resumingFromACheckpointIsBitExact() throws IOException {
        int k = 5;
        Path file = dir.resolve("step5.safetensors");
        Sequential a = net(new Generator(1), 3);
        Adam optA = new Adam(a.parameters(), 0.01);
        Generator dataA = new Generator(7);
        for (int step = 1; step <= 2 * k; step++) {
            if (step == 3) optA.setLr(0.004); // a schedule changed the lr before the checkpoint: resume must keep it
            trainStep(a, optA, dataA);
            if (step == k) Checkpoint.save(file, a, optA, step, 0, dataA, null);
        }

        Sequential b = net(new Generator(2), 3);
        Adam optB = new Adam(b.parameters(), 0.01);
        Generator dataB = new Generator(8);
        long resumeAt = Checkpoint.load(file, b, optB, dataB).step();
        assertEquals(k, resumeAt);
        for (long step = resumeAt + 1; step <= 2 * k; step++) trainStep(b, optB, dataB);
        assertEquals(bits(a.stateDict()), bits(b.stateDict()));
        assertEquals(bits(optA.stateDict()), bits(optB.stateDict()));
        assertEquals(2 * k, optB.steps());
        for (String name : a.stateDict().keySet()) {
            assertTrue(Arrays.equals(a.stateDict().get(name).toFloatArray(), b.stateDict().get(name).toFloatArray()), name);
        }

        // the comparison can fail: resuming without the generator's state draws other batches
        Sequential c = net(new Generator(2), 3);
        Adam optC = new Adam(c.parameters(), 0.01);
        Checkpoint.load(file, c, optC, null);
        Generator other = new Generator(8);
        for (long step = resumeAt + 1; step <= 2 * k; step++) trainStep(c, optC, other);
        assertFalse(Arrays.equals(a.stateDict().get("0.weight").toFloatArray(), c.stateDict().get("0.weight").toFloatArray()));
    }

    // ------------------------------------------------------------------ failed loads change nothing

    private Path validCheckpoint() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Adam opt = new Adam(a.parameters(), 0.01);
        Generator data = new Generator(5);
        for (int i = 0; i < 2; i++) trainStep(a, opt, data);
        Path file = dir.resolve("valid.safetensors");
        Checkpoint.save(file, a, opt, 2, 1, data, null);
        return file;
    }

    /** Rewrites a checkpoint with edited tensors and metadata (a well-formed file with bad content). */
    private Path forge(Path valid, String name, Consumer<Map<String, Tensor>> tensors, Consumer<Map<String, String>> meta) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(valid);
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        Map<String, String> m = new LinkedHashMap<>(c.metadata());
        tensors.accept(t);
        meta.accept(m);
        Path out = dir.resolve(name + ".safetensors");
        SafeTensors.write(out, t, m);
        return out;
    }

    private static <T> Consumer<T> same() {
        return x -> {
        };
    }

    private void assertLoadFailsAndChangesNothing(Path file, Optimizer useOptimizer, String expected, Class<? extends IOException> type)
            throws IOException {
        Sequential b = net(new Generator(2), 3);
        Adam optB = new Adam(b.parameters(), 0.02);
        Generator dataB = new Generator(6);
        trainStep(b, optB, dataB); // give the target non-trivial optimizer state too
        Optimizer target = useOptimizer == null ? optB : useOptimizer;
        Snapshot before = Snapshot.of(b, optB, dataB);
        Map<String, List<Integer>> targetState = bits(target.stateDict());
        IOException e = assertThrows(type, () -> Checkpoint.load(file, b, target, dataB));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(before, Snapshot.of(b, optB, dataB), "a failed load changed the model, optimizer or generator");
        assertEquals(targetState, bits(target.stateDict()));
    }

    @Test
    void truncatedOrCorruptFilesLeaveTheModelUntouched() throws IOException {
        Path valid = validCheckpoint();
        byte[] bytes = Files.readAllBytes(valid);
        Path truncated = Files.write(dir.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length - 100));
        assertLoadFailsAndChangesNothing(truncated, null, "reaches past the end of the file", SafeTensorsFormatException.class);
        byte[] flipped = bytes.clone();
        flipped[9] = '[';
        Path badJson = Files.write(dir.resolve("bad-json.safetensors"), flipped);
        assertLoadFailsAndChangesNothing(badJson, null, "header", SafeTensorsFormatException.class);
    }

    @Test
    void modelShapeMismatchIsReportedWithTheFile() throws IOException {
        Sequential other = net(new Generator(1), 5); // 5 classes instead of 3
        Path file = dir.resolve("five-classes.safetensors");
        Checkpoint.save(file, other, null, 0, 0, null, null);
        Sequential b = net(new Generator(2), 3);
        Map<String, List<Integer>> before = bits(b.stateDict());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, b, null, null));
        assertTrue(e.getMessage().startsWith(file + ": model state does not fit"), e.getMessage());
        assertTrue(e.getMessage().contains("5.weight: checkpoint [5, 36] vs model [3, 36]"), e.getMessage());
        assertEquals(before, bits(b.stateDict()));
        CheckpointException w = assertThrows(CheckpointException.class, () -> Checkpoint.loadWeights(file, b));
        assertTrue(w.getMessage().startsWith(file + ": weights do not fit the model"), w.getMessage());
        assertEquals(before, bits(b.stateDict()));
    }

    /** The model part of these files would load; the load must still change nothing because a later part is bad. */
    @Test
    void aBadOptimizerOrGeneratorPartLeavesTheModelUntouched() throws IOException {
        Path valid = validCheckpoint();
        assertLoadFailsAndChangesNothing(forge(valid, "bad-optim-shape", t -> t.put("optim.0.exp_avg", Tensor.zeros(2, 2)), same()),
                null, "optimizer state does not fit: Adam.loadStateDict: '0.exp_avg': shape [2, 2] vs parameter [4, 1, 3, 3]",
                CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "bad-optim-index", t -> t.put("optim.99.exp_avg", Tensor.zeros(2)), same()),
                null, "'99.exp_avg': no parameter with that index", CheckpointException.class);
        assertLoadFailsAndChangesNothing(valid, new SGD(net(new Generator(3), 3).parameters(), 0.1),
                "was saved with optimizer io.callosum.nn.optim.Adam, cannot restore into io.callosum.nn.optim.SGD", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "bad-rng-base64", same(), m -> m.put("rng", "not base64!")),
                null, "generator state in metadata 'rng' is invalid", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "bad-rng-length", same(), m -> m.put("rng", "AAEC")),
                null, "generator state in metadata 'rng' is invalid", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "no-rng", same(), m -> m.remove("rng")),
                null, "holds no generator state", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "bad-lr", same(), m -> m.put("optimizer.lr", "-1")),
                null, "metadata 'optimizer.lr' = '-1' is not a valid learning rate", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "bad-steps", same(), m -> m.put("optimizer.steps", "two")),
                null, "metadata 'optimizer.steps' = 'two' is not a valid integer", CheckpointException.class);
    }

    @Test
    void wrongFormatVersionOrMetadataIsRefused() throws IOException {
        Path valid = validCheckpoint();
        Path weights = dir.resolve("weights.safetensors");
        Checkpoint.saveWeights(weights, net(new Generator(1), 3));
        assertLoadFailsAndChangesNothing(weights, null, "is not a callosum checkpoint (metadata format is 'pt')", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "v2", same(), m -> m.put("version", "2")),
                null, "has checkpoint version 2; this library reads version 1", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "no-step", same(), m -> m.remove("step")),
                null, "metadata lacks 'step'", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "epoch-overflow", same(), m -> m.put("epoch", "3000000000")),
                null, "metadata 'epoch' = '3000000000' is not a valid integer", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "stray-tensor", t -> t.put("foo", Tensor.zeros(1)), same()),
                null, "unexpected tensor 'foo'", CheckpointException.class);
        assertLoadFailsAndChangesNothing(forge(valid, "no-optimizer", t -> t.keySet().removeIf(k -> k.startsWith("optim.")),
                m -> m.keySet().removeIf(k -> k.startsWith("optimizer"))), null, "holds no optimizer state", CheckpointException.class);
    }

    // ------------------------------------------------------------------ weight files

    @Test
    void weightFilesUsePlainPyTorchNames() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Path file = dir.resolve("w.safetensors");
        Checkpoint.saveWeights(file, a);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "5.weight", "5.bias"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), c.metadata());
        Sequential b = net(new Generator(2), 3);
        Checkpoint.loadWeights(file, b);
        assertEquals(bits(a.stateDict()), bits(b.stateDict()));
    }

    @Test
    void nonStrictWeightLoadingSkipsMissingNames() throws IOException {
        Sequential a = net(new Generator(1), 3);
        Path file = dir.resolve("partial.safetensors");
        Map<String, Tensor> convOnly = new LinkedHashMap<>();
        convOnly.put("0.weight", a.stateDict().get("0.weight"));
        SafeTensors.write(file, convOnly, null);
        Sequential b = net(new Generator(2), 3);
        assertThrows(CheckpointException.class, () -> Checkpoint.loadWeights(file, b));
        Checkpoint.loadWeights(file, b, false);
        assertArrayEquals(a.stateDict().get("0.weight").toFloatArray(), b.stateDict().get("0.weight").toFloatArray());
    }

    // ------------------------------------------------------------------ atomic writes

    /** A channel that accepts {@code budget} bytes and then fails, like a full disk. */
    static final class FailAfter implements WritableByteChannel {
        private final WritableByteChannel out;
        private long budget;

        FailAfter(WritableByteChannel out, long budget) {
            this.out = out;
            this.budget = budget;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (budget <= 0) throw new IOException("simulated write failure: no space left on device");
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + (int) Math.min(part.remaining(), budget));
            int n = out.write(part);
            src.position(src.position() + n);
            budget -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsMidwayKeepsTheOldCheckpointAndLeavesNoTempFile() throws IOException {
        Path file = validCheckpoint();
        byte[] old = Files.readAllBytes(file);
        List<Path> files = listDir();
        Sequential newer = net(new Generator(42), 3);
        Adam opt = new Adam(newer.parameters(), 0.01);
        trainStep(newer, opt, new Generator(3));
        Checkpoint.Encoded e = Checkpoint.encode(newer, opt, 100, 9, new Generator(3), null);
        SafeTensorsWriter.Plan plan = SafeTensorsWriter.plan(file, e.tensors(), e.metadata());
        long total = 8 + plan.header().length + plan.dataBytes();
        for (long failAt : new long[]{0, 5, 8 + plan.header().length / 2, 8 + plan.header().length + 100, total - 1}) {
            IOException failure = assertThrows(IOException.class,
                    () -> AtomicFile.write(file, out -> SafeTensorsWriter.write(new FailAfter(out, failAt), plan)));
            assertTrue(failure.getMessage().contains("simulated write failure"), failure.getMessage());
            assertArrayEquals(old, Files.readAllBytes(file), "old checkpoint intact after a failure at byte " + failAt);
            assertEquals(files, listDir(), "no temporary file left after a failure at byte " + failAt);
        }
        // the same plan with a working channel replaces the file
        AtomicFile.write(file, out -> SafeTensorsWriter.write(new FailAfter(out, total), plan));
        assertEquals(total, Files.size(file));
        assertEquals(100, Checkpoint.load(file, net(new Generator(0), 3), null, null).step());
        assertEquals(files, listDir());
    }

    @Test
    void anUncheckedFailureOrAClosedTensorAlsoKeepsTheOldFile() throws IOException {
        Path file = validCheckpoint();
        byte[] old = Files.readAllBytes(file);
        List<Path> files = listDir();
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, out -> {
            out.write(ByteBuffer.wrap(new byte[1000]));
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", boom.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(files, listDir());

        Sequential broken = net(new Generator(1), 3);
        broken.stateDict().get("5.bias").close();
        IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, broken, null, 1, 0, null, null));
        assertTrue(closed.getMessage().contains("tensor 'model.5.bias' was closed"), closed.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(files, listDir());
    }

    @Test
    void atomicWriteIntoAMissingDirectoryNamesIt() {
        Path file = dir.resolve("no/such/dir/ckpt.safetensors");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.saveWeights(file, net(new Generator(1), 3)));
        assertTrue(e.getMessage().contains(dir.resolve("no/such/dir").toString()), e.getMessage());
    }

    @Test
    void atomicWriteKeepsDefaultPermissions() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        PosixFileAttributeView view = Files.getFileAttributeView(reference, PosixFileAttributeView.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(view != null, "no POSIX permissions on this file system");
        Path file = dir.resolve("perm.safetensors");
        Checkpoint.saveWeights(file, net(new Generator(1), 3));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file),
                "a checkpoint gets the permissions of any new file, not a temp file's owner-only ones");
    }
}
