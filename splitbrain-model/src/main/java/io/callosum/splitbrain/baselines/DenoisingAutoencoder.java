package io.callosum.splitbrain.baselines;

import io.callosum.nn.Module;
import io.callosum.nn.data.Seeds;
import io.callosum.nn.data.transforms.GaussianNoise;
import io.callosum.nn.data.transforms.MaskingNoise;
import io.callosum.nn.data.transforms.SaltAndPepperNoise;
import io.callosum.nn.data.transforms.Transform;
import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.ConvTranspose2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 6-layer convolutional denoising autoencoder: three stride-2 conv+BN+ReLU encoder layers (32, 64, 128 channels)
 * and three transposed convolutions back to the input size; trained to reconstruct the clean image (MSE) from a
 * corrupted one. Its encoder activations are the probed features.
 */
public final class DenoisingAutoencoder extends Module {
    /** Corruptions: salt-and-pepper 5 %, Gaussian σ = 0.1, masking 25 % of pixels, or a different one per batch. */
    public enum Noise {
        /** Pixels set to 0 or 1. */
        SALT_AND_PEPPER,
        /** Additive Gaussian noise. */
        GAUSSIAN,
        /** Pixels set to 0. */
        MASKING,
        /** One of the others, drawn per image. */
        MIXED;

        /** The transform on [0, 1] images; MIXED has none of its own. */
        Transform transform() {
            return switch (this) {
                case SALT_AND_PEPPER -> new SaltAndPepperNoise(0.05);
                case GAUSSIAN -> new GaussianNoise(0.1);
                case MASKING -> new MaskingNoise(0.25);
                case MIXED -> throw new IllegalStateException("MIXED picks SALT_AND_PEPPER, GAUSSIAN or MASKING per step");
            };
        }

        /** "salt-and-pepper 5 %", as reports name it. */
        public String label() {
            return switch (this) {
                case SALT_AND_PEPPER -> "salt-and-pepper 5 %";
                case GAUSSIAN -> "Gaussian σ = 0.1";
                case MASKING -> "masking 25 %";
                case MIXED -> "mixed noise";
            };
        }

        /** The noise named by a command-line string, ignoring case; fails listing the known names. */
        public static Noise parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final Sequential[] encoder = new Sequential[3];
    private final int[] widths = {32, 64, 128};
    private final List<Module> decoder = new ArrayList<>();
    private final int channels;
    private final Generator g;

    /** An autoencoder for images of channels channels, weights drawn from g. */
    public DenoisingAutoencoder(int channels, Generator g) {
        this.channels = channels;
        this.g = g;
        int c = channels;
        for (int i = 0; i < 3; i++) {
            encoder[i] = registerModule("enc" + (i + 1), new Sequential(Conv2d.builder(c, widths[i], 3).stride(2).padding(1).bias(false).generator(g).build(), new BatchNorm2d(widths[i]), new ReLU()));
            c = widths[i];
        }
    }

    /** Decoder layers are built on first use, when the encoder's sizes (and so the output paddings) are known. */
    private void buildDecoder(int[][] sizes) {
        int[] outs = {widths[1], widths[0], channels};
        int c = widths[2];
        for (int i = 0; i < 3; i++) {
            int[] target = sizes[2 - i];
            int[] in = sizes[3 - i];
            int op = target[0] - ((in[0] - 1) * 2 - 2 + 3);
            Module up = ConvTranspose2d.builder(c, outs[i], 3).stride(2).padding(1).outputPadding(op).bias(i == 2).generator(g).build();
            decoder.add(registerModule("dec" + (i + 1), i == 2 ? up : new Sequential(up, new BatchNorm2d(outs[i]), new ReLU())));
            c = outs[i];
        }
    }

    /** The three encoder activations. */
    public List<Tensor> encode(Tensor x) {
        List<Tensor> acts = new ArrayList<>();
        Tensor h = x;
        for (Sequential e : encoder) {
            h = e.forward(h);
            acts.add(h);
        }
        return acts;
    }

    /** Reconstruction of a normalised input (same shape). */
    @Override
    public Tensor forward(Tensor x) {
        List<Tensor> acts = encode(x);
        if (decoder.isEmpty()) {
            int[][] sizes = new int[4][];
            sizes[0] = new int[]{x.size(2), x.size(3)};
            for (int i = 0; i < 3; i++) sizes[i + 1] = new int[]{acts.get(i).size(2), acts.get(i).size(3)};
            buildDecoder(sizes);
            to(x.device());
        }
        Tensor h = acts.get(2);
        for (Module d : decoder) h = d.forward(h);
        return h;
    }

    /**
     * Corrupts a batch of raw images [N, C, H, W] in [0, 1] with the nn noise transforms, image i drawing from a
     * generator seeded by (seed, step, i): the same step always gets the same noise, so a resumed run replays it.
     * MIXED takes salt-and-pepper, Gaussian and masking in turn by step.
     */
    public static Tensor corrupt(Tensor images, Noise noise, long step, long seed) {
        Noise n = noise == Noise.MIXED ? Noise.values()[(int) (step % 3)] : noise;
        Transform t = n.transform();
        Tensor cpu = images.cpu();
        Tensor[] out = new Tensor[cpu.size(0)];
        for (int i = 0; i < out.length; i++) {
            try (Tensor one = cpu.select(0, i)) {
                out[i] = t.apply(one, new Generator(Seeds.mix(seed, step, i)));
            }
        }
        return Tensor.stack(0, out).to(images.device());
    }
}
