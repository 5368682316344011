package io.callosum.splitbrain.baselines;

import io.callosum.nn.data.Seeds;
import io.callosum.nn.data.transforms.SaltAndPepperNoise;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The autoencoder's corruption is the nn noise transforms, drawn per (seed, step, image): replayable and distinct. */
class DenoisingAutoencoderTest {
    static Tensor grey(int n) {
        return Tensor.full(0.5, n, 3, 16, 16);
    }

    @Test
    void saltAndPepperIsTheTransformWithAGeneratorPerImage() {
        Tensor out = DenoisingAutoencoder.corrupt(grey(2), DenoisingAutoencoder.Noise.SALT_AND_PEPPER, 7, 3);
        for (int i = 0; i < 2; i++) {
            Tensor expected = new SaltAndPepperNoise(0.05).apply(grey(1).select(0, 0), new Generator(Seeds.mix(3, 7, i)));
            assertArrayEquals(expected.toFloatArray(), out.select(0, i).contiguous().toFloatArray(), "image " + i);
        }
        float[] v = out.toFloatArray();
        int changed = 0;
        for (float x : v) {
            if (x != 0.5f) {
                assertTrue(x == 0f || x == 1f, "salt or pepper, got " + x);
                changed++;
            }
        }
        assertTrue(changed > 0.02 * v.length && changed < 0.08 * v.length, changed + " of " + v.length + " values for 5 % of pixels");
    }

    @Test
    void theSameStepReplaysAndAnotherStepDiffers() {
        Tensor a = DenoisingAutoencoder.corrupt(grey(2), DenoisingAutoencoder.Noise.GAUSSIAN, 4, 1);
        Tensor b = DenoisingAutoencoder.corrupt(grey(2), DenoisingAutoencoder.Noise.GAUSSIAN, 4, 1);
        Tensor c = DenoisingAutoencoder.corrupt(grey(2), DenoisingAutoencoder.Noise.GAUSSIAN, 5, 1);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertFalse(java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()));
        assertFalse(java.util.Arrays.equals(a.select(0, 0).contiguous().toFloatArray(), a.select(0, 1).contiguous().toFloatArray()),
                "each image draws its own noise");
    }

    @Test
    void mixedTakesEachNoiseInTurn() {
        float[] sp = DenoisingAutoencoder.corrupt(grey(1), DenoisingAutoencoder.Noise.MIXED, 3, 1).toFloatArray();
        float[] gauss = DenoisingAutoencoder.corrupt(grey(1), DenoisingAutoencoder.Noise.MIXED, 4, 1).toFloatArray();
        float[] mask = DenoisingAutoencoder.corrupt(grey(1), DenoisingAutoencoder.Noise.MIXED, 5, 1).toFloatArray();
        int spChanged = 0, gaussChanged = 0, masked = 0;
        for (int i = 0; i < sp.length; i++) {
            if (sp[i] != 0.5f) spChanged++;
            if (gauss[i] != 0.5f) gaussChanged++;
            if (mask[i] != 0.5f) {
                assertEquals(0f, mask[i], "masking sets pixels to 0");
                masked++;
            }
        }
        assertTrue(spChanged < 0.1 * sp.length, "step 3: salt and pepper");
        assertTrue(gaussChanged > 0.9 * gauss.length, "step 4: Gaussian noise on every value");
        assertTrue(masked > 0.15 * mask.length && masked < 0.35 * mask.length, "step 5: masking 25 % of pixels, got " + masked);
    }
}
