package io.callosum.nn.io;

import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.Flatten;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.layers.MaxPool2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Weights cross between callosum and PyTorch in both directions through safetensors files, for the same
 * architecture, and both libraries compute the same eval-mode outputs (to 1e-5); half-precision (F16, BF16) weights
 * written by PyTorch load and give PyTorch's outputs of those rounded weights (to 1e-5) and of the float32 weights
 * (within the half format's precision). Runs
 * {@code src/test/python/safetensors_interop.py} with Debian's python3-torch; skipped, with the reason printed, where
 * that is not installed.
 */
class SafeTensorsInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/safetensors_interop.py").toAbsolutePath();
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireTorch() throws InterruptedException {
        String missing = torchMissingReason();
        if (missing != null) System.out.println("SafeTensorsInteropTest skipped: " + missing);
        assumeTrue(missing == null, missing);
    }

    private static String torchMissingReason() throws InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) return PYTHON + " is not installed";
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "'" + PYTHON + " -c \"import torch\"' did not finish in 120 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? null : "python3-torch is not installed (" + PYTHON + " -c 'import torch': " + out + ")";
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        }
    }

    /** The architecture the script builds in torch: Conv2d(1,8,3,p=1)-BN(8)-ReLU-MaxPool(2)-Flatten-Linear(128,10). */
    static Sequential model(Generator g) {
        return new Sequential(Conv2d.builder(1, 8, 3).padding(1).generator(g).build(), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(8 * 4 * 4, 10, g));
    }

    private void python(String command, Path... files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), command));
        for (Path f : files) cmd.add(f.toString());
        Path log = dir.resolve(command + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in 300 s; output:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + readQuietly(log));
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertClose(expected, actual, TOLERANCE, what);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tolerance * (1 + Math.abs(expected[i])),
                    what + ": element " + i + " expected " + expected[i] + " but was " + actual[i] + " (difference " + err + ")");
        }
    }

    @Test
    void pytorchLoadsCallosumWeightsAndComputesTheSameOutput() throws IOException, InterruptedException {
        Generator g = new Generator(77);
        Sequential net = model(g);
        try (Grad.Guard ng = Grad.disabled()) {
            for (int i = 0; i < 3; i++) net.forward(Tensor.randn(g, 16, 1, 8, 8).mul(2).add(0.5)); // move the running statistics
        }
        net.eval();
        Tensor x = Tensor.randn(g, 5, 1, 8, 8);
        float[] ours;
        try (Grad.Guard ng = Grad.disabled()) {
            ours = net.forward(x).toFloatArray();
        }
        Path weights = dir.resolve("callosum-weights.safetensors"), input = dir.resolve("x.safetensors"), output = dir.resolve("y.safetensors");
        Checkpoint.saveWeights(weights, net);
        SafeTensors.write(input, Map.of("x", x), null);

        python("load-callosum", weights, input, output);

        Tensor theirs = SafeTensors.read(output).tensors().get("y");
        assertArrayEquals(new int[]{5, 10}, theirs.shape());
        assertClose(theirs.toFloatArray(), ours, "torch output of callosum weights");
    }

    @Test
    void callosumLoadsPytorchWeightsAndComputesTheSameOutput() throws IOException, InterruptedException {
        Path weights = dir.resolve("torch-weights.safetensors"), input = dir.resolve("x.safetensors"), output = dir.resolve("y.safetensors");
        python("export-torch", weights, input, output);

        Sequential net = model(new Generator(1));
        Checkpoint.loadWeights(weights, net); // strict: every name matches, num_batches_tracked arrives as I64
        assertEquals(3, net.stateDict().get("1.num_batches_tracked").item(), "torch ran 3 training batches");
        net.eval();
        Tensor x = SafeTensors.read(input).tensors().get("x");
        float[] ours;
        try (Grad.Guard ng = Grad.disabled()) {
            ours = net.forward(x).toFloatArray();
        }
        assertClose(SafeTensors.read(output).tensors().get("y").toFloatArray(), ours, "callosum output of torch weights");
    }

    /**
     * PyTorch's state_dict in float16 and bfloat16: loaded (widened to FLOAT32) into the same model, the outputs equal
     * PyTorch's float32 outputs of the rounded weights, and differ from those of the unrounded float32 weights by no
     * more than the half format's precision allows (F16 rounds to 2⁻¹¹ relative, BF16 to 2⁻⁸; the tolerance is four
     * of those units, relative to the output's scale).
     */
    @Test
    void callosumLoadsPytorchHalfPrecisionWeightsAndComputesTheSameOutput() throws IOException, InterruptedException {
        Path f16 = dir.resolve("torch-f16.safetensors"), bf16 = dir.resolve("torch-bf16.safetensors");
        Path input = dir.resolve("x.safetensors"), output = dir.resolve("y.safetensors");
        python("export-torch-half", f16, bf16, input, output);
        Tensor x = SafeTensors.read(input).tensors().get("x");
        Map<String, Tensor> expected = SafeTensors.read(output).tensors();
        Object[][] cases = {{f16, "F16", "y_f16", 4 * 0x1p-11}, {bf16, "BF16", "y_bf16", 4 * 0x1p-8}};
        for (Object[] c : cases) {
            Path weights = (Path) c[0];
            String format = (String) c[1];
            assertTrue(header(weights).contains("\"" + format + "\""), "the file PyTorch wrote holds " + format + ": " + header(weights));
            Sequential net = model(new Generator(1));
            Checkpoint.loadWeights(weights, net);
            net.eval();
            float[] ours;
            try (Grad.Guard ng = Grad.disabled()) {
                ours = net.forward(x).toFloatArray();
            }
            assertClose(expected.get((String) c[2]).toFloatArray(), ours, format + " weights: torch's float32 output of the same rounded weights");
            assertClose(expected.get("y").toFloatArray(), ours, (double) c[3], format + " weights: torch's output of the float32 weights");
        }
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long length = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
