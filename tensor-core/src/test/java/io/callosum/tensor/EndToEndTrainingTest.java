package io.callosum.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small networks written directly with tensor ops learn a fixed synthetic task: the loss must actually fall. */
class EndToEndTrainingTest {

    /** Three interleaved spirals in 2-D, 3 classes. */
    static float[][] spirals(int perClass, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = perClass * 3;
        float[] x = new float[n * 2], y = new float[n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                double t = i / (double) perClass;
                double angle = c * 2 * Math.PI / 3 + t * 4 + r.nextGaussian() * 0.15;
                int k = c * perClass + i;
                x[2 * k] = (float) (t * Math.cos(angle));
                x[2 * k + 1] = (float) (t * Math.sin(angle));
                y[k] = c;
            }
        }
        return new float[][]{x, y};
    }

    /** Mean softmax cross-entropy written from primitive ops (log-sum-exp with the max subtracted). */
    static Tensor crossEntropy(Tensor logits, Tensor onehot) {
        Tensor m = logits.max(1, true).detach();
        Tensor lse = logits.sub(m).exp().sum(1, true).log().add(m);
        return lse.sub(logits).mul(onehot).sum(1, false).mean();
    }

    static void sgd(double lr, Tensor... params) {
        try (var ng = Grad.disabled()) {
            for (Tensor p : params) {
                p.addInPlace(p.grad(), -lr);
                p.zeroGrad();
            }
        }
    }

    @Test
    void twoLayerMlpLearnsSpirals() {
        float[][] data = spirals(100, 3);
        Tensor x = Tensor.of(data[0], 300, 2);
        float[] oh = new float[900];
        for (int i = 0; i < 300; i++) oh[i * 3 + (int) data[1][i]] = 1;
        Tensor onehot = Tensor.of(oh, 300, 3);
        Generator g = new Generator(1);
        Tensor w1 = Tensor.randn(g, 2, 64).mul(0.7).requiresGrad(true);
        Tensor b1 = Tensor.zeros(64).requiresGrad(true);
        Tensor w2 = Tensor.randn(g, 64, 3).mul(0.1).requiresGrad(true);
        Tensor b2 = Tensor.zeros(3).requiresGrad(true);
        float first = 0, last = 0;
        for (int step = 0; step < 600; step++) {
            try (Scope s = Scope.open()) {
                Tensor loss = crossEntropy(x.matmul(w1).add(b1).relu().matmul(w2).add(b2), onehot);
                loss.backward();
                sgd(0.5, w1, b1, w2, b2);
                if (step == 0) first = loss.item();
                last = loss.item();
            }
        }
        assertTrue(first > 1.0, "starts near ln 3: " + first);
        assertTrue(last < 0.25, "final loss " + last + " (from " + first + ")");
        Tensor pred = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).argmax(1, false);
        int correct = 0;
        int[] p = pred.toIntArray();
        for (int i = 0; i < 300; i++) if (p[i] == (int) data[1][i]) correct++;
        assertTrue(correct >= 270, "training accuracy " + correct + "/300");
    }

    /** 8×8 images of a horizontal or a vertical bar at a random place, with noise: a tiny conv net must tell them apart. */
    @Test
    void tinyConvNetLearnsBarOrientation() {
        int n = 128;
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] img = new float[n * 64];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = i % 2;
            int pos = 1 + r.nextInt(6);
            for (int k = 0; k < 64; k++) img[i * 64 + k] = (float) (r.nextGaussian() * 0.3);
            for (int t = 1; t < 7; t++) img[i * 64 + (label[i] == 0 ? pos * 8 + t : t * 8 + pos)] += 1;
        }
        Tensor x = Tensor.of(img, n, 1, 8, 8);
        Tensor y = Tensor.of(label, n);
        Generator g = new Generator(2);
        Tensor w1 = Tensor.randn(g, 8, 1, 3, 3).mul(0.5).requiresGrad(true);
        Tensor b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.randn(g, 8, 2).mul(0.3).requiresGrad(true);
        float first = 0, last = 0;
        for (int step = 0; step < 150; step++) {
            try (Scope s = Scope.open()) {
                Tensor h = Functional.maxPool2d(Functional.conv2d(x, w1, b1, 1, 1).relu(), 2);
                Tensor logits = Functional.globalAvgPool(h).matmul(w2);
                Tensor loss = Functional.crossEntropy(logits, y);
                loss.backward();
                sgd(0.5, w1, b1, w2);
                if (step == 0) first = loss.item();
                last = loss.item();
            }
        }
        assertTrue(last < 0.15 && last < first / 4, "conv net loss " + first + " -> " + last);
    }
}
