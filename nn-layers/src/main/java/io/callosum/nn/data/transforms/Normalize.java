package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

import java.util.Arrays;

/** (x − mean[c]) / std[c] per channel; one mean and std apply to every channel. Deterministic. */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    /** (x − mean[c]) / std[c] per channel. */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: mean " + Arrays.toString(mean) + " and std " + Arrays.toString(std)
                    + " must be non-empty and of equal length");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) throw new IllegalArgumentException("Normalize: std " + Arrays.toString(std) + " must be positive and finite");
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** (x − mean) / std for every channel. */
    public Normalize(float mean, float std) {
        this(new float[]{mean}, new float[]{std});
    }

    @Override
    public Image apply(Image image, Generator gen) {
        int c = image.channels();
        if (mean.length != 1 && mean.length != c) {
            throw new IllegalArgumentException("Normalize: " + mean.length + " channel statistics for an image of " + c
                    + " channels " + Arrays.toString(image.shape()));
        }
        float[] d = image.data();
        int n = image.planeSize();
        for (int ch = 0; ch < c; ch++) {
            float m = mean[mean.length == 1 ? 0 : ch], inv = 1 / std[std.length == 1 ? 0 : ch];
            for (int i = ch * n, end = i + n; i < end; i++) d[i] = (d[i] - m) * inv;
        }
        return image;
    }

    @Override
    public String toString() {
        return "Normalize(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
