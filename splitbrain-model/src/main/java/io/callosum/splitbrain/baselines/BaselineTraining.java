package io.callosum.splitbrain.baselines;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.BackboneFeatures;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.Half;
import io.callosum.splitbrain.train.BudgetTraining;
import io.callosum.splitbrain.train.Optimizers;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.List;

/** Trains the baselines with the same loop and budget as split-brain pretraining, and exposes them as feature sources. */
public final class BaselineTraining {
    private BaselineTraining() {
    }

    private static InputNormalizer normalizer(InputNormalizer given) {
        return given == null ? InputNormalizer.grey() : given;
    }

    /** The architecture's backbone at random initialisation (one half taking all channels). */
    public static FeatureSource randomInit(Architecture arch, int channels, long seed, Placement placement) {
        return randomInit(arch, channels, seed, placement, null);
    }

    /** As {@link #randomInit(Architecture, int, long, Placement)}, seeing images through norm (null: grey). */
    public static FeatureSource randomInit(Architecture arch, int channels, long seed, Placement placement, InputNormalizer norm) {
        Half h = arch.half(channels, 2, new Generator(seed + 7));
        h.to(placement.device());
        return new BackboneFeatures("random init", h, h.probeNames(), h::features, normalizer(norm), placement.device());
    }

    /** Pretrains the rotation-prediction baseline on unlabelled images and returns its backbone's features. */
    public static BackboneFeatures rotation(Architecture arch, int channels, Dataset unlabelled, Budget budget, long seed,
                                         Placement placement, InputNormalizer norm, TrainListener listener) {
        InputNormalizer n = normalizer(norm);
        RotationNet net = new RotationNet(arch, channels, new Generator(seed + 11));
        net.to(placement.device());
        Trainer trainer = BudgetTraining.trainer("rotation", budget, placement, net, Optimizers.create(budget, net.parameters()),
                TrainStep.of((images, labels, step) -> {
                    Tensor[] rb = Rotations.rotatedBatch(n.apply(images));
                    return Functional.crossEntropy(net.forward(rb[0]), rb[1]);
                })).build();
        BudgetTraining.run(trainer, unlabelled, budget, seed, placement, listener, null);
        Half b = net.backbone();
        return new BackboneFeatures("rotation", net, b.probeNames(), b::features, n, placement.device());
    }

    /** A denoising autoencoder trained to undo the given corruption; its name says which (e.g. "DAE (salt-and-pepper 5 %)"). */
    public static BackboneFeatures denoising(int channels, Dataset unlabelled, DenoisingAutoencoder.Noise noise, Budget budget, long seed,
                                          Placement placement, InputNormalizer norm, TrainListener listener) {
        InputNormalizer n = normalizer(norm);
        Generator g = new Generator(seed + 13);
        DenoisingAutoencoder ae = new DenoisingAutoencoder(channels, g);
        ae.to(placement.device());
        // build the decoder once so the optimizer sees every parameter
        try (var ng = io.callosum.tensor.Grad.disabled()) {
            Tensor probe = n.apply(unlabelled.get(0).image().unsqueeze(0).to(placement.device()));
            ae.eval();
            ae.forward(probe);
        }
        long noiseSeed = seed + 13;
        Trainer trainer = BudgetTraining.trainer("denoising", budget, placement, ae, Optimizers.create(budget, ae.parameters()),
                TrainStep.of((images, labels, step) -> {
                    Tensor noisy = DenoisingAutoencoder.corrupt(images, noise, step, noiseSeed);
                    return Functional.mse(ae.forward(n.apply(noisy)), n.apply(images));
                })).build();
        BudgetTraining.run(trainer, unlabelled, budget, seed, placement, listener, null);
        return new BackboneFeatures("DAE (" + noise.label() + ")", ae, List.of("enc1", "enc2", "enc3"), ae::encode, n, placement.device());
    }
}
