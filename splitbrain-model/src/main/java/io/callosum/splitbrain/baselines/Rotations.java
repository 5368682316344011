package io.callosum.splitbrain.baselines;

import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Rotation by multiples of 90° of square NCHW batches (counter-clockwise, as numpy.rot90 on H×W). */
public final class Rotations {
    private Rotations() {
    }

    /** x [N, C, H, W] rotated by k quarter turns, as {@code torch.rot90(x, k, (2, 3))}. */
    public static Tensor rot90(Tensor x, int k) {
        return switch (Math.floorMod(k, 4)) {
            case 0 -> x;
            case 1 -> x.transpose(2, 3).flip(2);
            case 2 -> x.flip(2, 3);
            default -> x.transpose(2, 3).flip(3);
        };
    }

    /** Image i rotated by (i mod 4)·90°, and those labels: a rotation-prediction batch of the same size. */
    public static Tensor[] rotatedBatch(Tensor x) {
        int n = x.size(0);
        List<Tensor> parts = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            parts.add(rot90(x.narrow(0, i, 1), labels[i]));
        }
        return new Tensor[]{Tensor.cat(parts, 0), Tensor.of(labels, n).to(x.device())};
    }
}
