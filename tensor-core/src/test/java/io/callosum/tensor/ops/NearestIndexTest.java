package io.callosum.tensor.ops;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Nearest upsampling picks PyTorch's source rows ('nearest', not 'nearest-exact'), including sizes where float rounding matters. */
class NearestIndexTest {

    /** The source index of each output along H (and along W): upsampling 0, 1, …, in−1 copies the index. */
    static int[] sourceRows(Tensor positions, int out, boolean alongW) {
        int in = positions.numel();
        Tensor x = alongW ? positions.reshape(1, 1, 1, in) : positions.reshape(1, 1, in, 1);
        float[] y = (alongW ? Functional.upsampleNearest(x, 1, out) : Functional.upsampleNearest(x, out, 1)).toFloatArray();
        int[] r = new int[out];
        for (int o = 0; o < out; o++) r[o] = (int) y[o];
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void sourceIndicesFollowPyTorchsFloatFormulaForEverySizeUpTo96(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            for (int in = 1; in <= 96; in++) {
                Tensor positions = Tensor.arange(in).to(dc.device());
                for (int out = 1; out <= 96; out++) {
                    for (boolean alongW : new boolean[]{false, true}) {
                        int[] got = sourceRows(positions, out, alongW);
                        for (int o = 0; o < out; o++) {
                            assertEquals(PoolReference.nearestSource(o, in, out), got[o], in + " → " + out + " at " + o + (alongW ? " along W" : " along H"));
                        }
                    }
                }
            }
        }
    }

    @Test
    void sixToSeventyFourDiffersFromExactDivisionAsInPyTorch() {
        int[] got = sourceRows(Tensor.arange(6), 74, false);
        int differs = 0;
        for (int o = 0; o < 74; o++) if (got[o] != (int) ((long) o * 6 / 74)) differs++;
        assertNotEquals(0, differs, "the float scale 6/74 rounds some products below an integer");
        assertEquals(2, got[37], "floor(37 · (float) 6/74) = floor(2.9999998) = 2, where exact division gives 3");
    }

    @Test
    void matchesTorchWhereInstalled() throws Exception {
        String sizes = "[(6, 74), (5, 17), (7, 100), (3, 10), (13, 61), (100, 30)]";
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                    "import torch",
                    "for i, o in " + sizes + ":",
                    "    x = torch.arange(i, dtype=torch.float32).reshape(1, 1, i, 1)",
                    "    y = torch.nn.functional.interpolate(x, size=(o, 1), mode='nearest')",
                    "    print(' '.join(str(int(v)) for v in y.flatten().tolist()))")).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("/usr/bin/python3 cannot run: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        Assumptions.assumeTrue(p.exitValue() == 0, "torch is not importable in /usr/bin/python3: " + out.strip().lines().reduce((a, b) -> b).orElse(""));
        String[] lines = out.strip().split("\n");
        int[][] pairs = {{6, 74}, {5, 17}, {7, 100}, {3, 10}, {13, 61}, {100, 30}};
        for (int k = 0; k < pairs.length; k++) {
            int[] torch = java.util.Arrays.stream(lines[k].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(torch, sourceRows(Tensor.arange(pairs[k][0]), pairs[k][1], false), pairs[k][0] + " → " + pairs[k][1]);
        }
    }
}
