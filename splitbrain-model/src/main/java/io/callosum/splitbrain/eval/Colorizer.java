package io.callosum.splitbrain.eval;

import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.AnnealedMean;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.tensor.Color;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;

import java.awt.image.BufferedImage;

/**
 * Colorization with half A of a Lab split-brain network: predict the ab distribution from L, decode by annealed
 * mean (T = 0.38), upsample bilinearly to full size, join with the input L and convert back to sRGB.
 */
public final class Colorizer {
    private final SplitBrainNet net;
    private final ChannelSplit split;
    private final double temperature;

    /** A colorizer that decodes the predicted colour distributions with the given annealed-mean temperature. */
    public Colorizer(SplitBrainNet net, ChannelSplit split, double temperature) {
        if (!split.space().isLab()) {
            throw new IllegalArgumentException("Colorizer: needs a network trained on a Lab split, got " + split.space().label());
        }
        this.net = net;
        this.split = split;
        this.temperature = temperature;
    }

    /** A colorizer decoding with the default annealed-mean temperature. */
    public Colorizer(SplitBrainNet net, ChannelSplit split) {
        this(net, split, AnnealedMean.DEFAULT_TEMPERATURE);
    }

    /** RGB images [N, 3, H, W] in [0, 1] → colorized RGB of the same shape (only their lightness is used). */
    public Tensor colorize(Tensor rgb) {
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor abFull = predictAb(rgb);
            Tensor l = Color.rgbToLab(rgb).narrow(1, 0, 1);
            return Color.labToRgb(Tensor.cat(1, l, abFull));
        }
    }

    /** RGB images [N, 3, H, W] → the annealed-mean ab [N, 2, H, W], upsampled to the images' own resolution. */
    public Tensor predictAb(Tensor rgb) {
        try (Grad.Guard ng = Grad.disabled()) {
            net.eval();
            ChannelSplit.Batch b = split.prepare(rgb);
            Tensor logits = net.halfA().forward(b.inputA());
            Tensor ab = AnnealedMean.decode(logits, split.halfA().quantizer(), temperature);
            return Functional.upsampleBilinear(ab, rgb.size(2), rgb.size(3), false);
        }
    }

    /** A grid with one column per image and three rows: input lightness, prediction, ground truth. */
    public static BufferedImage grid(Tensor rgb, Tensor predicted) {
        int n = rgb.size(0), h = rgb.size(2), w = rgb.size(3), gap = 4;
        BufferedImage img = new BufferedImage(n * (w + gap) + gap, 3 * (h + gap) + gap, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D gr = img.createGraphics();
        gr.setColor(java.awt.Color.WHITE);
        gr.fillRect(0, 0, img.getWidth(), img.getHeight());
        gr.dispose();
        float[] truth = rgb.contiguous().toFloatArray(), pred = predicted.contiguous().toFloatArray();
        float[] lab = Color.rgbToLab(rgb).toFloatArray();
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = i * 3 * plane + y * w + x;
                    int grey = clamp(lab[p] / 100f);
                    int px = gap + i * (w + gap) + x;
                    img.setRGB(px, gap + y, (grey << 16) | (grey << 8) | grey);
                    img.setRGB(px, gap + (h + gap) + y, rgb(pred, p, plane));
                    img.setRGB(px, gap + 2 * (h + gap) + y, rgb(truth, p, plane));
                }
            }
        }
        return img;
    }

    private static int rgb(float[] v, int p, int plane) {
        return (clamp(v[p]) << 16) | (clamp(v[p + plane]) << 8) | clamp(v[p + 2 * plane]);
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
