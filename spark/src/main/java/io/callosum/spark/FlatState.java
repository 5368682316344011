package io.callosum.spark;

import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.List;

/** A list of tensors as one float array and back: what a round broadcasts and aggregates. */
final class FlatState {
    private FlatState() {
    }

    static int size(List<Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors) n += t.numel();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("FlatState: " + n + " values exceed one Java array");
        return (int) n;
    }

    /** The values of every tensor, in order (integer buffers such as BN's step count are exact below 2^24). */
    static float[] flatten(List<Tensor> tensors) {
        float[] out = new float[size(tensors)];
        int at = 0;
        for (Tensor t : tensors) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Writes values into the tensors in place, each in its own dtype and on its own device. */
    static void load(List<Tensor> tensors, float[] values) {
        if (values.length != size(tensors)) {
            throw new IllegalArgumentException("FlatState: " + values.length + " values for tensors holding " + size(tensors));
        }
        int at = 0;
        try (Grad.Guard g = Grad.disabled(); Scope s = Scope.open()) {
            for (Tensor t : tensors) {
                float[] part = new float[t.numel()];
                System.arraycopy(values, at, part, 0, part.length);
                at += part.length;
                Tensor src = Tensor.of(part, t.shape());
                t.copyFrom(t.device().isCpu() ? src : src.to(t.device())); // copyFrom converts the dtype
            }
        }
    }
}
