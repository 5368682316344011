package io.callosum.nn.io;

import io.callosum.nn.layers.Sequential;
import io.callosum.nn.optim.Adam;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A diverged run's checkpoint (NaN/Inf weights or optimizer state) is refused at load, naming the tensor. */
class CheckpointNonFiniteTest {
    @TempDir
    Path dir;

    /** A saved checkpoint of a trained net whose tensor {@code name} has {@code value} at flat index {@code at}. */
    private Path checkpointWith(String name, int at, float value) throws IOException {
        Sequential a = CheckpointTest.net(new Generator(1), 3);
        Adam opt = new Adam(a.parameters(), 0.01);
        Generator data = new Generator(5);
        CheckpointTest.trainStep(a, opt, data);
        Path valid = dir.resolve("valid.safetensors");
        Checkpoint.save(valid, a, opt, 1, 0, data, null);
        SafeTensors.Contents c = SafeTensors.read(valid);
        Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
        Tensor t = tensors.get(name);
        float[] v = t.toFloatArray();
        v[at] = value;
        tensors.put(name, Tensor.of(v, t.shape()));
        Path out = dir.resolve("bad-" + name + ".safetensors");
        SafeTensors.write(out, tensors, c.metadata());
        return out;
    }

    private static void assertRefused(Path file, String tensor, int at, float value, ThrowingLoad load, Sequential target)
            throws IOException {
        Map<String, List<Integer>> before = CheckpointTest.bits(target.stateDict());
        NonFiniteTensorException e = assertThrows(NonFiniteTensorException.class, () -> load.run(file));
        assertEquals(tensor, e.tensor());
        assertEquals(at, e.index());
        assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(e.value()));
        assertEquals(1, e.count());
        assertTrue(e.getMessage().startsWith(file + ": tensor '" + tensor + "' "), e.getMessage());
        assertTrue(e.getMessage().contains(" holds " + value + " at flat index " + at), e.getMessage());
        assertEquals(before, CheckpointTest.bits(target.stateDict()), "a refused load changed the model");
    }

    @FunctionalInterface
    private interface ThrowingLoad {
        void run(Path file) throws IOException;
    }

    @Test
    void nanWeightIsRefusedNamingTheTensor() throws IOException {
        Path file = checkpointWith("model.0.weight", 5, Float.NaN);
        Sequential b = CheckpointTest.net(new Generator(2), 3);
        assertRefused(file, "model.0.weight", 5, Float.NaN, f -> Checkpoint.load(f, b, null, null), b);
        assertRefused(file, "0.weight", 5, Float.NaN, f -> Checkpoint.loadWeights(f, b), b);
    }

    @Test
    void infiniteBatchNormStatisticOrOptimizerStateIsRefused() throws IOException {
        Path stats = checkpointWith("model.1.running_var", 2, Float.POSITIVE_INFINITY);
        Sequential b = CheckpointTest.net(new Generator(2), 3);
        assertRefused(stats, "model.1.running_var", 2, Float.POSITIVE_INFINITY, f -> Checkpoint.load(f, b, null, null), b);

        Path optim = checkpointWith("optim.0.exp_avg_sq", 7, Float.NEGATIVE_INFINITY);
        Sequential c = CheckpointTest.net(new Generator(2), 3);
        Adam optC = new Adam(c.parameters(), 0.01);
        assertRefused(optim, "optim.0.exp_avg_sq", 7, Float.NEGATIVE_INFINITY, f -> Checkpoint.load(f, c, optC, new Generator(0)), c);
        assertEquals(0, optC.steps(), "a refused load changed the optimizer");
    }

    @Test
    void finiteExtremesStillLoad() throws IOException {
        Path file = checkpointWith("model.0.weight", 0, Float.MAX_VALUE);
        Sequential b = CheckpointTest.net(new Generator(2), 3);
        Checkpoint.load(file, b, null, null);
        assertEquals(Float.MAX_VALUE, b.stateDict().get("0.weight").toFloatArray()[0]);
    }
}
