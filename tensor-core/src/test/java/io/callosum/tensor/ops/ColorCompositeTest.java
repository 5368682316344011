package io.callosum.tensor.ops;

import io.callosum.tensor.Color;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.ColorKernels;
import io.callosum.tensor.testing.RecordingBackendProvider;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The elementwise composite that backends without {@link ColorKernels} run, against the CPU's colour kernels. */
class ColorCompositeTest {

    private static Tensor rgbImage(long seed) {
        float[] v = Ref.uniform(seed, 2 * 3 * 6 * 4, 0, 1);
        v[0] = 0;                                  // the ends and both sides of the sRGB knee
        v[1] = 1;
        v[2] = 0.04f;
        v[3] = 0.041f;
        v[4] = 0.002f;                             // t below the Lab knee
        return Tensor.of(v, 2, 3, 6, 4);
    }

    private static Tensor labImage(long seed) {
        float[] l = Ref.uniform(seed, 2 * 6 * 4, 0, 100);
        float[] ab = Ref.uniform(seed + 1, 2 * 2 * 6 * 4, -110, 110);    // includes out-of-gamut colours (clipped)
        return Tensor.cat(1, Tensor.of(l, 2, 1, 6, 4), Tensor.of(ab, 2, 2, 6, 4));
    }

    private static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        Ref.assertClose(what, Ref.toDouble(expected.toFloatArray()), actual.toFloatArray(), tol, tol);
    }

    @Test
    void rgbToLabMatchesTheKernel() {
        Tensor rgb = rgbImage(1);
        assertClose("lab", Color.rgbToLab(rgb), ColorComposite.rgbToLab(rgb), 2e-3);
    }

    @Test
    void labToRgbMatchesTheKernelIncludingClippedColours() {
        Tensor lab = labImage(2);
        assertClose("rgb", Color.labToRgb(lab), ColorComposite.labToRgb(lab), 2e-4);
    }

    @Test
    void gradientsMatchTheKernelsVectorJacobianProducts() {
        // away from the knees, where both sides take the same branch
        Tensor rgb = Tensor.of(Ref.uniform(3, 3 * 4 * 4, 0.15, 0.9), 1, 3, 4, 4);
        Tensor upstream = Tensor.of(Ref.uniform(4, 3 * 4 * 4, -1, 1), 1, 3, 4, 4);
        Tensor a = rgb.detach().requiresGrad(true), b = rgb.detach().requiresGrad(true);
        Color.rgbToLab(a).mul(upstream).sum().backward();
        ColorComposite.rgbToLab(b).mul(upstream).sum().backward();
        assertClose("d lab / d rgb", a.grad(), b.grad(), 2e-2);

        Tensor lab = Tensor.of(new float[]{50, 10, -20, 70, -30, 40}, 1, 3, 1, 2);    // in gamut, unclipped
        Tensor g2 = Tensor.of(new float[]{1, -0.5f, 0.25f, 0.3f, 0.7f, -1}, 1, 3, 1, 2);
        Tensor c = lab.detach().requiresGrad(true), d = lab.detach().requiresGrad(true);
        Color.labToRgb(c).mul(g2).sum().backward();
        ColorComposite.labToRgb(d).mul(g2).sum().backward();
        assertClose("d rgb / d lab", c.grad(), d.grad(), 1e-5);
    }

    @Test
    void quantizeMatchesTheKernel() {
        Tensor lab = labImage(5);
        Tensor ab = lab.narrow(1, 1, 2).contiguous();
        float[] lo = {-110, -110}, hi = {110, 110};
        int[] bins = {22, 22};
        assertArrayEquals(Color.quantize(ab, lo, hi, bins).toIntArray(), ColorComposite.quantize(ab, lo, hi, bins).toIntArray());
    }

    @Test
    void aBackendWithoutColourKernelsRunsTheComposite() {
        Device rec = new Device("rec", 0);
        boolean prev = RecordingBackendProvider.colorKernels;
        RecordingBackendProvider.colorKernels = false;
        try {
            Tensor rgb = rgbImage(6);
            RecordingBackendProvider.CALLS.clear();
            Tensor lab = Color.rgbToLab(rgb.to(rec));
            Color.LabPooled pooled = Color.rgbToLabPooled(rgb.to(rec), 2);
            Tensor back = Color.labToRgb(lab);
            assertFalse(RecordingBackendProvider.CALLS.stream().anyMatch(c -> c.startsWith("rgbToLab") || c.startsWith("labToRgb")),
                    RecordingBackendProvider.CALLS.toString());
            assertTrue(RecordingBackendProvider.CALLS.contains("binary"), RecordingBackendProvider.CALLS.toString());
            assertClose("lab on rec", Color.rgbToLab(rgb), lab.to(Device.CPU), 2e-3);
            assertClose("pooled on rec", Color.rgbToLabPooled(rgb, 2).pooled(), pooled.pooled().to(Device.CPU), 2e-3);
            assertClose("round trip on rec", rgb, back.to(Device.CPU), 1e-4);
        } finally {
            RecordingBackendProvider.colorKernels = prev;
        }
    }
}
