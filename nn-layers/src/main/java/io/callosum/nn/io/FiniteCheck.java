package io.callosum.nn.io;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;

import java.nio.file.Path;
import java.util.Map;

/** Refuses loaded floating-point state holding NaN or ±Infinity, naming the tensor (integer tensors cannot). */
final class FiniteCheck {
    private FiniteCheck() {
    }

    /** Throws for the first tensor (in map order) with a non-finite element; keys are reported as prefix + key. */
    static void requireFinite(Path file, String prefix, Map<String, Tensor> tensors) throws NonFiniteTensorException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() != DType.FLOAT32) continue;
            float[] v = t.toFloatArray();
            long first = -1, count = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    if (first < 0) first = i;
                    count++;
                }
            }
            if (first >= 0) throw new NonFiniteTensorException(file, prefix + e.getKey(), t.shape(), first, v[(int) first], count);
        }
    }
}
