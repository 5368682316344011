package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

import static io.callosum.tensor.cpu.CpuMemory.f;

/**
 * Batch normalisation over channel dim 1 of a contiguous N×C×S tensor (S = product of the spatial dims, 1 for N×C).
 * Each channel is one task: its values are N runs of S contiguous floats, a stride C·S apart. Statistics are
 * accumulated in double, the variance in a second pass around the mean (no cancellation).
 */
final class CpuNorm {
    private CpuNorm() {
    }

    /** Geometry of the N×C×S view and the start of channel c's first run. */
    private record Layout(int n, int c, int s) {
        static Layout of(Tensor x) {
            int n = x.size(0), c = x.size(1);
            int s = c == 0 || n == 0 ? 0 : x.numel() / (n * c);
            return new Layout(n, c, s);
        }

        int count() {
            return n * s;
        }

        int runStride() {
            return c * s;
        }

        int grain() {
            return Math.max(1, CpuMemory.GRAIN / Math.max(1, count()));
        }
    }

    static void forward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor out,
                        Tensor saveMean, Tensor saveInvStd, boolean training, double momentum, double eps) {
        Layout l = Layout.of(x);
        float[] xs = f(x), os = f(out), sm = f(saveMean), si = f(saveInvStd);
        int xo = x.offset(), oo = out.offset(), smo = saveMean.offset(), sio = saveInvStd.offset();
        PerChannel g = PerChannel.of(gamma), b = PerChannel.of(beta), rm = PerChannel.of(runningMean), rv = PerChannel.of(runningVar);
        int count = l.count();
        Parallel.range(l.c(), l.grain(), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int first = c * l.s();
                double mean, invStd;
                if (training) {
                    double sum = 0;
                    for (int i = 0; i < l.n(); i++) {
                        int at = xo + first + i * l.runStride();
                        for (int j = 0; j < l.s(); j++) sum += xs[at + j];
                    }
                    mean = sum / count;
                    double sq = 0;
                    for (int i = 0; i < l.n(); i++) {
                        int at = xo + first + i * l.runStride();
                        for (int j = 0; j < l.s(); j++) {
                            double d = xs[at + j] - mean;
                            sq += d * d;
                        }
                    }
                    double biasedVar = sq / count;
                    invStd = 1.0 / Math.sqrt(biasedVar + eps);
                    if (rm != null) rm.set(c, (1 - momentum) * rm.get(c) + momentum * mean);
                    // The running variance estimates the population variance: unbiased (count − 1) as in PyTorch.
                    if (rv != null) rv.set(c, (1 - momentum) * rv.get(c) + momentum * (sq / (count - 1)));
                } else {
                    mean = rm.get(c);
                    invStd = 1.0 / Math.sqrt(rv.get(c) + eps);
                }
                sm[smo + c] = (float) mean;
                si[sio + c] = (float) invStd;
                // out = x·scale + shift with the affine folded in.
                double scale = invStd * (g == null ? 1 : g.get(c));
                double shift = (b == null ? 0 : b.get(c)) - mean * scale;
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    for (int j = 0; j < l.s(); j++) os[oo + at + j] = (float) (xs[xo + at + j] * scale + shift);
                }
            }
        });
    }

    static void backward(Tensor gy, Tensor x, Tensor gamma, Tensor saveMean, Tensor saveInvStd, Tensor gx, Tensor ggamma, Tensor gbeta) {
        Layout l = Layout.of(x);
        float[] gys = f(gy), xs = f(x), gxs = f(gx), sm = f(saveMean), si = f(saveInvStd);
        int gyo = gy.offset(), xo = x.offset(), gxo = gx.offset(), smo = saveMean.offset(), sio = saveInvStd.offset();
        PerChannel g = PerChannel.of(gamma), gg = PerChannel.of(ggamma), gb = PerChannel.of(gbeta);
        int count = l.count();
        Parallel.range(l.c(), l.grain(), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int first = c * l.s();
                double mean = sm[smo + c], invStd = si[sio + c];
                // Σ gy and Σ gy·x̂ are the bias and weight gradients and the two corrections of the input gradient.
                double sumG = 0, sumGXhat = 0;
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    for (int j = 0; j < l.s(); j++) {
                        double gv = gys[gyo + at + j];
                        sumG += gv;
                        sumGXhat += gv * (xs[xo + at + j] - mean) * invStd;
                    }
                }
                if (gb != null) gb.set(c, sumG);
                if (gg != null) gg.set(c, sumGXhat);
                // gx = γ·invStd·(gy − mean(gy) − x̂·mean(gy·x̂))
                double k = invStd * (g == null ? 1 : g.get(c));
                double meanG = sumG / count, meanGXhat = sumGXhat / count;
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    for (int j = 0; j < l.s(); j++) {
                        double xhat = (xs[xo + at + j] - mean) * invStd;
                        gxs[gxo + at + j] = (float) (k * (gys[gyo + at + j] - meanG - xhat * meanGXhat));
                    }
                }
            }
        });
    }

    /** A [C] FLOAT32 vector addressed through its offset (null tensors map to null). */
    private record PerChannel(float[] data, int offset) {
        static PerChannel of(Tensor t) {
            return t == null ? null : new PerChannel(f(t), t.offset());
        }

        double get(int c) {
            return data[offset + c];
        }

        void set(int c, double v) {
            data[offset + c] = (float) v;
        }
    }
}
