package io.callosum.tensor.ops;

import io.callosum.tensor.Backends;
import io.callosum.tensor.Color;
import io.callosum.tensor.Device;
import io.callosum.tensor.Functional;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.ColorKernels;
import io.callosum.tensor.spi.PoolKernels;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.RecordingBackendProvider;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Color.rgbToLabPooled against its definition, rgbToLab followed by avgPool2d with kernel = stride = pool: shapes
 * with N = 1, odd sizes, pool 1 and pool = image, black and white, strided and 3-D input, gradients, the SPI's
 * default composition, and the errors.
 */
class ColorLabPooledTest {

    /** Lab must be bit-identical to rgbToLab (same kernel per pixel); the block means agree to float summation order. */
    private static void assertMatchesDefinition(String what, Tensor rgb, int pool) {
        Color.LabPooled got = Color.rgbToLabPooled(rgb, pool);
        Tensor lab = Color.rgbToLab(rgb);
        assertArrayEquals(lab.shape(), got.lab().shape(), what + ": lab shape");
        assertArrayEquals(lab.toFloatArray(), got.lab().toFloatArray(), what + ": lab");
        Tensor pooled = Functional.avgPool2d(lab, pool);
        assertArrayEquals(pooled.shape(), got.pooled().shape(), what + ": pooled shape");
        Ref.assertClose(what + ": pooled", Ref.toDouble(pooled.toFloatArray()), got.pooled().toFloatArray(), 1e-4, 1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void matchesRgbToLabThenAvgPool(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[][] cases = { // n, h, w, pool
                    {2, 96, 96, 8}, {1, 16, 24, 8}, {1, 8, 8, 8}, {3, 9, 15, 3}, {2, 5, 35, 5}, {1, 7, 7, 7}, {2, 6, 4, 1}, {1, 1, 1, 1}};
            for (int[] c : cases) {
                int n = c[0], h = c[1], w = c[2], pool = c[3];
                String what = "[" + n + ", 3, " + h + ", " + w + "] pool " + pool;
                Tensor rgb = dc.tensor(Ref.uniform(31L * h + w, n * 3 * h * w, 0, 1), n, 3, h, w);
                assertMatchesDefinition(what, rgb, pool);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void blackAndWhiteImages(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            for (float v : new float[]{0, 1}) {
                float[] px = new float[2 * 3 * 16 * 8];
                Arrays.fill(px, v);
                Tensor rgb = dc.tensor(px, 2, 3, 16, 8);
                assertMatchesDefinition(v == 0 ? "black" : "white", rgb, 8);
                float[] pooled = Color.rgbToLabPooled(rgb, 8).pooled().toFloatArray(); // [2, 3, 2, 1]
                for (int i = 0; i < pooled.length; i++) {
                    boolean lightness = i / 2 % 3 == 0;
                    // white's a and b are a few thousandths off zero with these constants, as in scikit-image
                    assertEquals(lightness ? 100 * v : 0, pooled[i], lightness ? 1e-3 : 1e-2, "block value " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void stridedAndThreeDimensionalInput(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // an N×H×W×3 (channels-last) buffer seen as N×3×H×W
            Tensor nhwc = dc.tensor(Ref.uniform(7, 2 * 8 * 16 * 3, 0, 1), 2, 8, 16, 3);
            assertMatchesDefinition("permuted view", nhwc.permute(0, 3, 1, 2), 4);
            Tensor chw = dc.tensor(Ref.uniform(8, 3 * 12 * 8, 0, 1), 3, 12, 8);
            Color.LabPooled single = Color.rgbToLabPooled(chw, 4);
            assertArrayEquals(new int[]{3, 12, 8}, single.lab().shape());
            assertArrayEquals(new int[]{3, 3, 2}, single.pooled().shape());
            Color.LabPooled batched = Color.rgbToLabPooled(chw.unsqueeze(0), 4);
            assertArrayEquals(batched.pooled().toFloatArray(), single.pooled().toFloatArray(), "3-D as a batch of one");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gradientsFlowThroughBothOutputs(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // away from the knees (sRGB 0.04045, Lab t = 0.008856) so the finite differences stay on one branch
            Tensor rgb = dc.tensor(Ref.uniform(9, 3 * 4 * 4, 0.15, 0.9), 1, 3, 4, 4);
            GradCheck.assertGradients("rgbToLabPooled pooled", xs -> Color.rgbToLabPooled(xs[0], 2).pooled(), new Tensor[]{rgb}, 2e-3, 1e-2, 5e-3);
            GradCheck.assertGradients("rgbToLabPooled lab", xs -> Color.rgbToLabPooled(xs[0], 2).lab(), new Tensor[]{rgb}, 2e-3, 1e-2, 5e-3);
        }
    }

    @Test
    void theFusedKernelRunsWhenNoGradientIsRecorded() {
        Device rec = new Device("rec", 0);
        Tensor rgb = Tensor.of(Ref.uniform(11, 3 * 64, 0, 1), 1, 3, 8, 8).to(rec);
        RecordingBackendProvider.CALLS.clear();
        assertFalse(Color.rgbToLabPooled(rgb, 4).pooled().requiresGrad());
        assertTrue(RecordingBackendProvider.CALLS.contains("rgbToLabPooled"), RecordingBackendProvider.CALLS.toString());
        assertFalse(RecordingBackendProvider.CALLS.contains("rgbToLab"), RecordingBackendProvider.CALLS.toString());

        RecordingBackendProvider.CALLS.clear();
        Color.LabPooled recorded = Color.rgbToLabPooled(rgb.requiresGrad(true), 4);
        assertTrue(recorded.lab().requiresGrad() && recorded.pooled().requiresGrad(), "both outputs carry gradients");
        assertTrue(RecordingBackendProvider.CALLS.containsAll(List.of("rgbToLab", "avgPool2dForward")), RecordingBackendProvider.CALLS.toString());
        assertFalse(RecordingBackendProvider.CALLS.contains("rgbToLabPooled"), RecordingBackendProvider.CALLS.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void badShapesNameTheOpAndShape(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            var rows = assertThrows(IllegalArgumentException.class, () -> Color.rgbToLabPooled(dc.tensor(new float[3 * 12 * 16], 1, 3, 12, 16), 8));
            assertEquals("rgbToLabPooled: image size 12×16 of [1, 3, 12, 16] is not a multiple of the pool 8", rows.getMessage());
            var cols = assertThrows(IllegalArgumentException.class, () -> Color.rgbToLabPooled(dc.tensor(new float[3 * 16 * 10], 1, 3, 16, 10), 8));
            assertEquals("rgbToLabPooled: image size 16×10 of [1, 3, 16, 10] is not a multiple of the pool 8", cols.getMessage());
            var channels = assertThrows(IllegalArgumentException.class, () -> Color.rgbToLabPooled(dc.tensor(new float[4 * 64], 1, 4, 8, 8), 8));
            assertEquals("rgbToLabPooled: expects N×3×H×W (three colour channels in dimension 1), got [1, 4, 8, 8]", channels.getMessage());
            var pool = assertThrows(IllegalArgumentException.class, () -> Color.rgbToLabPooled(dc.tensor(new float[3 * 64], 1, 3, 8, 8), 0));
            assertEquals("rgbToLabPooled: pool must be >= 1, got 0", pool.getMessage());
        }
    }

    /** A backend that runs every abstract kernel on the CPU backend but keeps the SPI's default methods, as cuda-kernels does. */
    private static <T> T withDefaults(Class<T> type, Backend cpu, Class<?>... alsoImplements) {
        InvocationHandler handler = (proxy, m, args) -> {
            if (m.isDefault()) return InvocationHandler.invokeDefault(proxy, m, args);
            try {
                return m.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        Class<?>[] types = new Class<?>[1 + alsoImplements.length];
        types[0] = type;
        System.arraycopy(alsoImplements, 0, types, 1, alsoImplements.length);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), types, handler));
    }

    @Test
    void theSpiDefaultComposesRgbToLabAndTheAveragePool() {
        Tensor rgb = Tensor.of(Ref.uniform(10, 2 * 3 * 16 * 24, 0, 1), 2, 3, 16, 24);
        Tensor lab = Tensor.empty(2, 3, 16, 24), pooled = Tensor.empty(2, 3, 2, 3);
        withDefaults(ColorKernels.class, Backends.cpu(), PoolKernels.class).rgbToLabPooled(rgb, 8, lab, pooled);
        Color.LabPooled fused = Color.rgbToLabPooled(rgb, 8);
        assertArrayEquals(fused.lab().toFloatArray(), lab.toFloatArray(), "lab");
        Ref.assertClose("pooled", Ref.toDouble(fused.pooled().toFloatArray()), pooled.toFloatArray(), 1e-4, 1e-4);

        ColorKernels colourOnly = withDefaults(ColorKernels.class, Backends.cpu());
        var e = assertThrows(UnsupportedOperationException.class, () -> colourOnly.rgbToLabPooled(rgb, 8, lab, pooled));
        assertTrue(e.getMessage().startsWith("rgbToLabPooled: ") && e.getMessage().contains("no PoolKernels"), e.getMessage());
    }
}
