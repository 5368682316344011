package io.callosum.examples;

import io.callosum.nn.data.Image;
import io.callosum.nn.data.transforms.Resampling;
import io.callosum.nn.io.Checkpoint;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.eval.Colorizer;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Color;
import io.callosum.tensor.Device;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;

import java.nio.file.Path;

/**
 * Colorizes a photograph with half A of a Lab split-brain network (it predicts ab from L). The network runs at a
 * working resolution; its ab prediction is upsampled to the photograph's full size and joined with the photograph's
 * own lightness, so edges stay sharp.
 *
 * <pre>java -cp callosum.jar io.callosum.examples.ColorizeImage photo.jpg colorized.png [simplenet-lab.safetensors]</pre>
 *
 * Without a checkpoint it first pretrains a small SimpleNet on synthetic scenes for a minute or two: enough to see
 * the mechanics, not to colour photographs well (pretrain on photographs like yours with {@code callosum pretrain}).
 */
public final class ColorizeImage {
    private ColorizeImage() {
    }

    /**
     * Colorizes a 3×H×W RGB photograph in [0, 1] (only its lightness is used) and returns a 1×3×H×W RGB tensor.
     * workSide is the longest side the network sees; minSide the smallest the architecture accepts; device is where
     * the network lives.
     */
    public static Tensor colorize(Colorizer colorizer, Image photo, int workSide, int minSide, Device device) {
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor abFull = predictAb(colorizer, photo, workSide, minSide, device);
            Tensor lightness = Color.rgbToLab(photo.toTensor().unsqueeze(0)).narrow(1, 0, 1);
            return Color.labToRgb(Tensor.cat(1, lightness, abFull));
        }
    }

    /** The annealed-mean ab [1, 2, H, W] predicted at the working resolution and upsampled to the photograph's size. */
    public static Tensor predictAb(Colorizer colorizer, Image photo, int workSide, int minSide, Device device) {
        double scale = Math.min(1.0, workSide / (double) Math.max(photo.height(), photo.width()));
        int h = multipleOf8(photo.height() * scale, minSide), w = multipleOf8(photo.width() * scale, minSide);
        Tensor small = Resampling.resize(photo, h, w).toTensor().unsqueeze(0);
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor ab = colorizer.predictAb(small.to(device)).cpu();
            return Functional.upsampleBilinear(ab, photo.height(), photo.width(), false);
        }
    }

    private static int multipleOf8(double side, int minSide) {
        int min = (Math.max(8, minSide) + 7) / 8 * 8;
        return Math.max(min, (int) Math.round(side / 8) * 8);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColorizeImage INPUT.(png|jpg) OUTPUT.png [CHECKPOINT]");
            System.exit(2);
        }
        Image photo = Photos.read(Path.of(args[0]));

        var cfg = Preset.QUICK.config();
        SplitBrainNet net;
        if (args.length > 2) {
            // a SimpleNet/Lab checkpoint written by 'callosum pretrain' (the command line's defaults)
            net = new SplitBrainNet(cfg.model().architecture(), ChannelSplit.of(ColorSpace.LAB, false), new Generator(0));
            Checkpoint.load(Path.of(args[2]), net, null, null);
        } else {
            System.out.println("no checkpoint given: pretraining SimpleNet on 4800 synthetic scenes (150 steps of 32)...");
            Pretrainer pretrainer = new Pretrainer(cfg, Placement.CPU);
            pretrainer.train(SyntheticColorDataset.standard(4800, 1, false), new TrainListener() {
                @Override
                public void onStep(String phase, int epoch, int step, int steps, double loss, int images) {
                    if (step % 25 == 0) System.out.printf("step %d/%d: loss %.3f%n", step, steps, loss);
                }
            }, null);
            net = pretrainer.net();
        }
        Colorizer colorizer = new Colorizer(net, ChannelSplit.of(ColorSpace.LAB, false));
        Tensor colour = colorize(colorizer, photo, 256, cfg.model().architecture().minInputSize(), Device.CPU);

        Photos.writePng(colour, Path.of(args[1]));
        System.out.println("wrote " + args[1]);
    }
}
